// DL3061 instruction-before-from: The Dockerfile does not begin with FROM, ARG or a comment
#include <fmt/format.h>
#include "analyzer/engine/rule.h"
#include "rules/hadolint/dl_common.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3061",
    .name = "instruction-before-from",
    .severity = Severity::kError,
    .enabled_by_default = false,
    .fix = FixAvailability::kNone,
    .summary = "The Dockerfile does not begin with FROM, ARG or a comment",
    .doc = R"md(## What it does
Off by default: DF001 already reports this as the build error it is ("no build stage in current
context"). When selected, reports the first instruction other than `ARG` before the first
`FROM`, under hadolint's code, for configurations that name DL3061.

## Why it matters
Only `ARG` may precede the first `FROM`; BuildKit fails the build on anything else.

## Example
```dockerfile
LABEL maintainer="ml-platform@acme.dev"
FROM python:3.12-slim
```

## Use instead
```dockerfile
FROM python:3.12-slim
LABEL maintainer="ml-platform@acme.dev"
```

## Fix safety
No fix is offered.

## References
- hadolint 2.15 source, `src/Hadolint/Rule/DL3061.hs`
- https://docs.docker.com/reference/dockerfile/#format
)md",
};

class InstructionBeforeFrom final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    if (done_ || dl::index_of(ctx, inst) == kNoInstruction) return;
    if (inst.kind == InstructionKind::kFrom) { done_ = true; return; }
    if (inst.kind == InstructionKind::kArg || inst.kind == InstructionKind::kUnknown) return;
    done_ = true;
    out.report(inst.keyword_span, fmt::format("`{}` comes before the first FROM: a Dockerfile must begin "
                                              "with FROM, ARG or comments",
                                              inst.keyword));
  }

 private:
  bool done_ = false;
};

}  // namespace

RuleEntry dl3061_instruction_before_from() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<InstructionBeforeFrom>()); }};
}

}  // namespace dockml::rules
