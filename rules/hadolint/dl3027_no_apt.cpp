// DL3027 no-apt: RUN uses apt instead of apt-get or apt-cache
#include <string>
#include <string_view>
#include <vector>
#include "analyzer/engine/rule.h"
#include "rules/hadolint/run_facts.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3027",
    .name = "no-apt",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "RUN uses apt instead of apt-get or apt-cache",
    .doc = R"md(## What it does
Reports the `apt` command in RUN. `apt` is the interactive front end; scripts use `apt-get` and
`apt-cache`.

## Why it matters
`apt` warns that it "does not have a stable CLI interface" when used in scripts: its output and
options may change between releases, and it shows progress bars meant for a terminal.

## Example
```dockerfile
FROM debian:12
RUN apt update && apt install -y curl
```

## Use instead
```dockerfile
FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends curl
```

## Fix safety
No fix is offered: some `apt` subcommands have no one-to-one `apt-get` equivalent (`apt list`, `apt search`).

## References
- hadolint 2.15 source, `src/Hadolint/Rule/DL3027.hs`
- apt(8) man page, "SCRIPT USAGE AND DIFFERENCES FROM OTHER APT TOOLS"
- hadolint rule DL3027: https://github.com/hadolint/hadolint/wiki/DL3027
)md",
};

class NoApt final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    const hl::RunFacts* rf = hl::run_facts(ctx, inst);
    if (rf == nullptr) return;
    for (const shell::ShellCommand& cmd : rf->script->commands) {
      if (cmd.name() != "apt") continue;
      out.report(cmd.argv[cmd.program].span, "`apt` is meant for interactive use; use `apt-get` or `apt-cache` in scripts");
    }
  }
};

}  // namespace

RuleEntry dl3027_no_apt() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<NoApt>()); }};
}

}  // namespace dockml::rules
