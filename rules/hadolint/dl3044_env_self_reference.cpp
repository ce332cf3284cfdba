// DL3044 env-self-reference: ENV refers to a variable that the same ENV statement defines
#include <set>
#include <string>
#include <fmt/format.h>
#include "analyzer/dockerfile/expand.h"
#include "analyzer/engine/rule.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3044",
    .name = "env-self-reference",
    .severity = Severity::kError,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "ENV refers to a variable that the same ENV statement defines",
    .doc = R"md(## What it does
Reports an `ENV` pair whose value references a variable that an earlier pair of the same `ENV`
instruction defines (`ENV A=1 B=$A`), unless that variable was already defined by an earlier
ARG or ENV. A pair referring to itself (`ENV PATH=/opt/bin:$PATH`) is fine.

## Why it matters
All pairs of one ENV are expanded with the environment from before the instruction: `B` gets
the old (here: empty) value of `A`, not `1`.

## Example
```dockerfile
FROM python:3.12-slim
ENV CUDA_HOME=/usr/local/cuda LD_LIBRARY_PATH=$CUDA_HOME/lib64
```

## Use instead
```dockerfile
FROM python:3.12-slim
ENV CUDA_HOME=/usr/local/cuda
ENV LD_LIBRARY_PATH=$CUDA_HOME/lib64
```

## Fix safety
No fix is offered.

## References
- hadolint 2.15 source, `src/Hadolint/Rule/DL3044.hs`
- https://docs.docker.com/reference/dockerfile/#env
)md",
};

class EnvSelfReference final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    if (inst.kind == InstructionKind::kArg) {
      for (const KeyValue& kv : inst.pairs) defined_.insert(kv.key.text);
      return;
    }
    if (inst.kind != InstructionKind::kEnv) return;
    ExpandOptions eo;
    if (ctx.dockerfile != nullptr) eo.escape = ctx.dockerfile->escape;
    std::set<std::string> here;  // defined by earlier pairs of this ENV
    for (const KeyValue& kv : inst.pairs) {
      ExpandResult refs = find_references(kv.value.text, eo);
      for (const VarRef& r : refs.refs) {
        if (r.kind != VarRef::Kind::kNamed || r.name == kv.key.text) continue;
        if (here.count(r.name) == 0 || defined_.count(r.name) != 0) continue;
        bool verbatim = ctx.source && ctx.source->slice(kv.value.span) == kv.value.text;
        Span at = verbatim ? Span{kv.value.span.begin + r.begin, kv.value.span.begin + r.end} : kv.value.span;
        out.report(at, fmt::format("`{}` refers to `{}`, which this same ENV defines: all pairs are expanded "
                                   "before any is set, so it gets the previous (here: empty) value; set `{}` "
                                   "in an earlier ENV",
                                   kv.key.text, r.name, r.name));
        break;
      }
      here.insert(kv.key.text);
    }
    for (const std::string& name : here) defined_.insert(name);
  }

 private:
  std::set<std::string> defined_;  // ARG/ENV names defined by earlier instructions
};

}  // namespace

RuleEntry dl3044_env_self_reference() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<EnvSelfReference>()); }};
}

}  // namespace dockml::rules
