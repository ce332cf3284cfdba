// DL3004 no-sudo: RUN uses sudo
#include <string>
#include <string_view>
#include <vector>
#include <algorithm>
#include "analyzer/engine/rule.h"
#include "rules/hadolint/run_facts.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3004",
    .name = "no-sudo",
    .severity = Severity::kError,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "RUN uses sudo",
    .doc = R"md(## What it does
Reports `sudo` in a RUN command (also inside `ONBUILD RUN` and heredoc scripts). The finding points
at the `sudo` word.

## Why it matters
RUN already runs as the current USER; `sudo` adds an unpredictable TTY and signal behaviour and
needs a sudoers setup in the image. To run a step as root, switch with `USER root` and back.

## Example
```dockerfile
FROM ubuntu:22.04
USER app
RUN sudo apt-get update
```

## Use instead
```dockerfile
FROM ubuntu:22.04
USER root
RUN apt-get update
USER app
```

## Fix safety
No fix is offered: the USER switch around the step depends on the file.

## References
- hadolint 2.15 source, `src/Hadolint/Rule/DL3004.hs`
- hadolint rule DL3004: https://github.com/hadolint/hadolint/wiki/DL3004
)md",
};

class NoSudo final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    const hl::RunFacts* rf = hl::run_facts(ctx, inst);
    if (rf == nullptr) return;
    for (const shell::ShellCommand& cmd : rf->script->commands) {
      size_t last = std::min<size_t>(cmd.program, cmd.argv.empty() ? 0 : cmd.argv.size() - 1);
      for (size_t i = 0; i <= last && i < cmd.argv.size(); ++i) {
        std::string_view v = cmd.argv[i].value;
        if (v == "sudo" || v.ends_with("/sudo")) {
          out.report(cmd.argv[i].span, "`sudo` in RUN: switch with USER instead");
          break;
        }
      }
    }
  }
};

}  // namespace

RuleEntry dl3004_no_sudo() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<NoSudo>()); }};
}

}  // namespace dockml::rules
