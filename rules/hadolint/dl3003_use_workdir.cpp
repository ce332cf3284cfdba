// DL3003 use-workdir: RUN changes directory with cd; use WORKDIR
#include <string>
#include <string_view>
#include <vector>
#include "analyzer/engine/rule.h"
#include "rules/hadolint/run_facts.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3003",
    .name = "use-workdir",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "RUN changes directory with cd; use WORKDIR",
    .doc = R"md(## What it does
Reports `cd` in a RUN command when it runs in the RUN's own shell. A `cd` inside a subshell
`( cd dir && make )`, inside `$(...)` or inside a `sh -c '...'` string is not reported: it is
scoped on purpose and does not hide a directory change from later lines.

## Why it matters
The directory set by `cd` is lost at the end of the RUN, so later instructions run somewhere
else than a reader expects. `WORKDIR` states the directory once, for every following instruction,
and creates it when missing.

## Example
```dockerfile
FROM python:3.11-slim
RUN cd /app && pip install --no-cache-dir -r requirements.txt
```

## Use instead
```dockerfile
FROM python:3.11-slim
WORKDIR /app
RUN pip install --no-cache-dir -r requirements.txt
```

## Fix safety
No fix is offered: moving the directory change to WORKDIR also changes later instructions.

## References
- hadolint 2.15 source, `src/Hadolint/Rule/DL3003.hs`
- hadolint rule DL3003: https://github.com/hadolint/hadolint/wiki/DL3003
)md",
};

class UseWorkdir final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    const hl::RunFacts* rf = hl::run_facts(ctx, inst);
    if (rf == nullptr) return;
    for (const shell::ShellCommand& cmd : rf->script->commands) {
      if (cmd.name() != "cd") continue;
      if (cmd.has_context(shell::kInSubshell) || cmd.has_context(shell::kInCommandSubstitution) ||
          cmd.has_context(shell::kInShellC) || cmd.has_context(shell::kInFunction))
        continue;
      out.report(cmd.argv[cmd.program].span, "`cd` changes directory for this RUN only; use WORKDIR to switch to "
                 + (cmd.arg_count() > 0 ? "`" + cmd.arg(0).value + "`" : std::string("a directory")));
    }
  }
};

}  // namespace

RuleEntry dl3003_use_workdir() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<UseWorkdir>()); }};
}

}  // namespace dockml::rules
