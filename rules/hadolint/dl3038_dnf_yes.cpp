// DL3038 dnf-yes: dnf install without -y
#include <string>
#include <string_view>
#include <vector>
#include <initializer_list>
#include "analyzer/engine/rule.h"
#include "rules/hadolint/run_facts.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3038",
    .name = "dnf-yes",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kSometimes,
    .summary = "dnf install without -y",
    .doc = R"md(## What it does
Reports `dnf install` (also `tdnf`, `groupinstall`) without `-y` / `--assumeyes`. `microdnf`
never asks and is not reported.

## Why it matters
Without a terminal, dnf's confirmation prompt aborts the build.

## Example
```dockerfile
FROM fedora:39
RUN dnf install httpd-2.4.58 && dnf clean all
```

## Use instead
```dockerfile
FROM fedora:39
RUN dnf install -y httpd-2.4.58 && dnf clean all
```

## Fix safety
A safe fix inserts `-y` after the subcommand.

## References
- hadolint 2.15 source, `src/Hadolint/Rule/DL3038.hs`
- dnf(8): `-y`, `--assumeyes`
- hadolint rule DL3038: https://github.com/hadolint/hadolint/wiki/DL3038
)md",
};

// The word of the subcommand (`install`, `in`, `add`) of `cmd`, or nullptr.
const shell::ShellWord* subcommand_word(const shell::ShellCommand& cmd, std::initializer_list<std::string_view> names) {
  for (size_t i = 0; i < cmd.arg_count(); ++i)
    for (std::string_view n : names)
      if (cmd.arg(i).value == n) return &cmd.arg(i);
  return nullptr;
}

class DnfYes final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    const hl::RunFacts* rf = hl::run_facts(ctx, inst);
    if (rf == nullptr) return;
    const Instruction& run = *rf->run;
    (void)run;
    for (const SystemInstall& s : rf->facts->system) {
      if (!(s.at.tool == "dnf" || s.at.tool == "tdnf") || !(s.subcommand == "install" || s.subcommand == "groupinstall") || (s.yes) || (false)) continue;
      const shell::ShellCommand& cmd = rf->script->commands[s.at.command];
      const shell::ShellWord* w = subcommand_word(cmd, {"install", "groupinstall"});
      Diagnostic& d = out.report(w != nullptr ? w->span : s.at.ref.span, "`" + s.at.tool + " " + s.subcommand + "` without -y asks for confirmation and aborts the build");
      (void)d;
      if (w != nullptr && w->span.size() == w->value.size())
        d.fix = Fix{Applicability::kSafe, "Add -y", {Edit{Span{w->span.end, w->span.end}, " -y"}}};
    }
  }
};

}  // namespace

RuleEntry dl3038_dnf_yes() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<DnfYes>()); }};
}

}  // namespace dockml::rules
