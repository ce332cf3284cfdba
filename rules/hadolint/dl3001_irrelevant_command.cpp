// DL3001 irrelevant-command: RUN calls a command that makes no sense inside a container build
#include <string>
#include <string_view>
#include <vector>
#include "analyzer/engine/rule.h"
#include "rules/hadolint/run_facts.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3001",
    .name = "irrelevant-command",
    .severity = Severity::kInfo,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "RUN calls a command that makes no sense inside a container build",
    .doc = R"md(## What it does
Reports RUN commands (also inside `ONBUILD RUN` and heredoc scripts) that run an interactive or
system-administration tool that has no effect, or no meaning, while an image is built: `ssh`, `vim`,
`shutdown`, `service`, `ps`, `free`, `top`, `kill`, `mount`, `ifconfig`, `nano`. The finding points at
the command name.

## Why it matters
A build runs each RUN in a throw-away container without a terminal or an init system: `service`
starts nothing that survives the step, `shutdown` and `kill` act on the build container, `vim`/`nano`
wait for input that never comes and `ps`/`top`/`free` describe the builder, not the final container.

## Example
```dockerfile
FROM ubuntu:22.04
RUN apt-get update && apt-get install -y nginx && service nginx start
```

## Use instead
```dockerfile
FROM ubuntu:22.04
RUN apt-get update && apt-get install -y nginx
CMD ["nginx", "-g", "daemon off;"]
```

## Fix safety
No fix is offered: what should replace the command depends on the intent.

## References
- hadolint 2.15 source, `src/Hadolint/Rule/DL3001.hs` (the command list)
- hadolint rule DL3001: https://github.com/hadolint/hadolint/wiki/DL3001
)md",
};

constexpr std::string_view kIrrelevant[] = {"ssh", "vim", "shutdown", "service", "ps", "free",
                                            "top", "kill", "mount", "ifconfig", "nano"};

class IrrelevantCommand final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    const hl::RunFacts* rf = hl::run_facts(ctx, inst);
    if (rf == nullptr) return;
    for (const shell::ShellCommand& cmd : rf->script->commands) {
      std::string_view name = cmd.name();
      for (std::string_view bad : kIrrelevant) {
        if (name != bad) continue;
        out.report(cmd.argv[cmd.program].span,
                   "`" + std::string(name) + "` has no useful effect while the image is built");
      }
    }
  }
};

}  // namespace

RuleEntry dl3001_irrelevant_command() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<IrrelevantCommand>()); }};
}

}  // namespace dockml::rules
