// DL3015 apt-get-no-install-recommends: apt-get install without --no-install-recommends
#include <string>
#include <string_view>
#include <vector>
#include <initializer_list>
#include "analyzer/engine/rule.h"
#include "rules/hadolint/run_facts.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3015",
    .name = "apt-get-no-install-recommends",
    .severity = Severity::kInfo,
    .enabled_by_default = true,
    .fix = FixAvailability::kSometimes,
    .summary = "apt-get install without --no-install-recommends",
    .doc = R"md(## What it does
Reports `apt-get install` (and `apt install`) without `--no-install-recommends` (or
`-o APT::Install-Recommends=false`).

## Why it matters
Recommended packages are not needed to run the requested ones; they often add hundreds of
megabytes (documentation, X libraries, compilers) to the image.

## Example
```dockerfile
FROM debian:12
RUN apt-get update && apt-get install -y python3
```

## Use instead
```dockerfile
FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends python3
```

## Fix safety
A safe fix inserts `--no-install-recommends` after `install`. Check that nothing relied on a recommended package.

## References
- hadolint 2.15 source, `src/Hadolint/Rule/DL3015.hs`
- apt.conf(5): `APT::Install-Recommends`
- hadolint rule DL3015: https://github.com/hadolint/hadolint/wiki/DL3015
)md",
};

// The word of the subcommand (`install`, `in`, `add`) of `cmd`, or nullptr.
const shell::ShellWord* subcommand_word(const shell::ShellCommand& cmd, std::initializer_list<std::string_view> names) {
  for (size_t i = 0; i < cmd.arg_count(); ++i)
    for (std::string_view n : names)
      if (cmd.arg(i).value == n) return &cmd.arg(i);
  return nullptr;
}

class AptGetNoInstallRecommends final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    const hl::RunFacts* rf = hl::run_facts(ctx, inst);
    if (rf == nullptr) return;
    const Instruction& run = *rf->run;
    (void)run;
    for (const SystemInstall& s : rf->facts->system) {
      if (!(s.at.tool == "apt-get" || s.at.tool == "apt") || !(s.subcommand == "install") || (s.no_install_recommends) || (false)) continue;
      const shell::ShellCommand& cmd = rf->script->commands[s.at.command];
      const shell::ShellWord* w = subcommand_word(cmd, {"install"});
      Diagnostic& d = out.report(w != nullptr ? w->span : s.at.ref.span, "`" + s.at.tool + " install` without --no-install-recommends also installs recommended packages");
      (void)d;
      if (w != nullptr && w->span.size() == w->value.size())
        d.fix = Fix{Applicability::kSafe, "Add --no-install-recommends", {Edit{Span{w->span.end, w->span.end}, " --no-install-recommends"}}};
    }
  }
};

}  // namespace

RuleEntry dl3015_apt_get_no_install_recommends() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<AptGetNoInstallRecommends>()); }};
}

}  // namespace dockml::rules
