// BK007 json-args-recommended (BuildKit JSONArgsRecommended): CMD/ENTRYPOINT in shell form.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analyzer/engine/rule.h"
#include "analyzer/fix/exec_form.h"
#include "rules/buildkit/bk_util.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "BK007",
    .name = "json-args-recommended",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kSometimes,
    .summary = "JSON arguments recommended for ENTRYPOINT/CMD to prevent unintended behavior related to OS signals",
    .doc = R"md(## What it does
Reports a `CMD` or `ENTRYPOINT` written in shell form (BuildKit's `JSONArgsRecommended`
check). Like BuildKit, it stays silent in a stage where a `SHELL` instruction (in the stage
or a stage it is built on) chose the shell explicitly.

## Why it matters
The shell form runs the command as `/bin/sh -c "..."`: the shell is PID 1 and does not
forward `SIGTERM`, so `docker stop` waits for the timeout and then kills the training or
serving process without a chance to clean up (checkpoint, drain requests).

## Example
```dockerfile
CMD python serve.py --port 8000
```

## Use instead
```dockerfile
CMD ["python", "serve.py", "--port", "8000"]
```

## Fix safety
Unsafe, and offered only when the command is plain words on one line (no variables, quotes,
globs, redirections, pipes or other shell syntax, no shell builtin first): the exec form
changes which process receives signals, and an `ENTRYPOINT` in exec form receives `CMD` as
arguments where the shell form ignored it. A leading `exec` is dropped.

## References
- https://docs.docker.com/reference/build-checks/json-args-recommended/
- https://docs.docker.com/reference/dockerfile/#shell-and-exec-form
)md",
    .alias = "JSONArgsRecommended",
};

class JsonArgsRecommended final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    size_t idx = bk::index_of(ctx, inst);
    if (idx == bk::kNoIndex) return;
    const BuildScope& scope = bk::scope_of(ctx, scope_);
    std::optional<size_t> stage = scope.stage_of(idx);
    if (!stage) return;
    if (inst.kind == InstructionKind::kFrom) {
      const StageInfo& info = scope.stages()[*stage];
      shell_set_[*stage] = info.parent && shell_set_[*info.parent];
      return;
    }
    if (inst.kind == InstructionKind::kShell) {
      shell_set_[*stage] = true;
      return;
    }
    if (inst.kind != InstructionKind::kCmd && inst.kind != InstructionKind::kEntrypoint) return;
    if (inst.json_form || inst.rest.text.empty() || shell_set_[*stage]) return;
    std::string name = bk::to_upper(inst.keyword);
    Span rest = inst.rest.to_source(0, static_cast<uint32_t>(inst.rest.text.size()));
    Diagnostic& d = out.report(rest, "JSON arguments recommended for " + name +
                                         " to prevent unintended behavior related to OS signals");
    d.notes.push_back("in shell form the command runs as `/bin/sh -c \"...\"`, and the shell does not forward SIGTERM");
    if (inst.start_line != inst.end_line) return;
    if (ctx.source == nullptr || ctx.source->slice(rest) != inst.rest.text) return;
    if (auto json = exec_form_json(inst.rest.text))
      d.fix = Fix{Applicability::kUnsafe, "Use the exec form " + *json, {{rest, *json}}};
  }

 private:
  std::optional<BuildScope> scope_;
  std::map<size_t, bool> shell_set_;
};

}  // namespace

RuleEntry bk007_json_args_recommended() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<JsonArgsRecommended>()); }};
}

}  // namespace dockml::rules
