// DL4005 use-shell-to-change-shell: RUN links /bin/sh to another shell; use SHELL
#include <string>
#include <string_view>
#include <vector>
#include "analyzer/engine/rule.h"
#include "rules/hadolint/run_facts.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL4005",
    .name = "use-shell-to-change-shell",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "RUN links /bin/sh to another shell; use SHELL",
    .doc = R"md(## What it does
Reports `ln` commands whose link name is `/bin/sh` (for example `ln -sf /bin/bash /bin/sh`).

## Why it matters
Replacing `/bin/sh` changes the shell of every program in the image, not just of the build, and
breaks scripts that rely on the distribution's `sh`. The `SHELL` instruction changes the shell of the
following RUN instructions only.

## Example
```dockerfile
FROM ubuntu:22.04
RUN ln -sf /bin/bash /bin/sh
```

## Use instead
```dockerfile
FROM ubuntu:22.04
SHELL ["/bin/bash", "-c"]
```

## Fix safety
No fix is offered: the link may be wanted at run time as well.

## References
- hadolint 2.15 source, `src/Hadolint/Rule/DL4005.hs`
- hadolint rule DL4005: https://github.com/hadolint/hadolint/wiki/DL4005
)md",
};

class UseShellToChangeShell final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    const hl::RunFacts* rf = hl::run_facts(ctx, inst);
    if (rf == nullptr) return;
    for (const shell::ShellCommand& cmd : rf->script->commands) {
      if (cmd.name() != "ln" || cmd.arg_count() < 2) continue;
      const shell::ShellWord& last = cmd.arg(cmd.arg_count() - 1);
      if (last.value != "/bin/sh") continue;
      out.report(last.span, "`ln` replaces /bin/sh for the whole image; use SHELL to change the shell of RUN");
    }
  }
};

}  // namespace

RuleEntry dl4005_use_shell_to_change_shell() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<UseShellToChangeShell>()); }};
}

}  // namespace dockml::rules
