// DL3034 zypper-non-interactive: zypper without a non-interactive switch
#include <string>
#include <string_view>
#include <vector>
#include <initializer_list>
#include "analyzer/engine/rule.h"
#include "rules/hadolint/run_facts.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3034",
    .name = "zypper-non-interactive",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "zypper without a non-interactive switch",
    .doc = R"md(## What it does
Reports `zypper install|remove|update|patch|source-install` (and their short aliases) without a
non-interactive switch: the global `-n`/`--non-interactive` or the command's `-y`/`--no-confirm`.

## Why it matters
Without a terminal, zypper's confirmation prompt aborts the build.

## Example
```dockerfile
FROM opensuse/leap:15.6
RUN zypper install curl=8.6.0 && zypper clean
```

## Use instead
```dockerfile
FROM opensuse/leap:15.6
RUN zypper -n install curl=8.6.0 && zypper clean
```

## Fix safety
No fix is offered here (the switch belongs before the subcommand for `-n`).

## References
- hadolint 2.15 source, `src/Hadolint/Rule/DL3034.hs`
- zypper(8): `--non-interactive`, `--no-confirm`
- hadolint rule DL3034: https://github.com/hadolint/hadolint/wiki/DL3034
)md",
};

// The word of the subcommand (`install`, `in`, `add`) of `cmd`, or nullptr.
const shell::ShellWord* subcommand_word(const shell::ShellCommand& cmd, std::initializer_list<std::string_view> names) {
  for (size_t i = 0; i < cmd.arg_count(); ++i)
    for (std::string_view n : names)
      if (cmd.arg(i).value == n) return &cmd.arg(i);
  return nullptr;
}

class ZypperNonInteractive final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    const hl::RunFacts* rf = hl::run_facts(ctx, inst);
    if (rf == nullptr) return;
    const Instruction& run = *rf->run;
    (void)run;
    for (const SystemInstall& s : rf->facts->system) {
      if (!(s.at.tool == "zypper") || !(s.subcommand == "install" || s.subcommand == "remove" || s.subcommand == "update" || s.subcommand == "patch" || s.subcommand == "source-install") || (s.yes) || (false)) continue;
      const shell::ShellCommand& cmd = rf->script->commands[s.at.command];
      const shell::ShellWord* w = subcommand_word(cmd, {"install", "in", "remove", "rm", "update", "up", "patch", "source-install", "si"});
      Diagnostic& d = out.report(w != nullptr ? w->span : s.at.ref.span, "`zypper " + s.subcommand + "` without -n / --non-interactive or -y asks for confirmation and aborts the build");
      (void)d;
    }
  }
};

}  // namespace

RuleEntry dl3034_zypper_non_interactive() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<ZypperNonInteractive>()); }};
}

}  // namespace dockml::rules
