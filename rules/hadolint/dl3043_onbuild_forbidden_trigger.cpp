// DL3043 onbuild-forbidden-trigger: ONBUILD, FROM or MAINTAINER used as an ONBUILD trigger
#include <fmt/format.h>
#include "analyzer/engine/rule.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3043",
    .name = "onbuild-forbidden-trigger",
    .severity = Severity::kError,
    .enabled_by_default = false,
    .fix = FixAvailability::kNone,
    .summary = "ONBUILD, FROM or MAINTAINER used as an ONBUILD trigger",
    .doc = R"md(## What it does
Off by default: DF001 already reports this as the build error it is. When selected, reports an
`ONBUILD` whose trigger is `ONBUILD`, `FROM` or `MAINTAINER` under hadolint's code, for
configurations that name DL3043.

## Why it matters
Docker refuses these triggers (`Chaining ONBUILD via ONBUILD ONBUILD isn't allowed`, `FROM isn't
allowed as an ONBUILD trigger`): the build fails.

## Example
```dockerfile
FROM python:3.12-slim
ONBUILD FROM python:3.12-slim
```

## Use instead
```dockerfile
FROM python:3.12-slim
ONBUILD COPY requirements.txt /app/
```

## Fix safety
No fix is offered.

## References
- hadolint 2.15 source, `src/Hadolint/Rule/DL3043.hs`
- https://docs.docker.com/reference/dockerfile/#onbuild
)md",
};

class OnbuildForbiddenTrigger final : public Rule {
 public:
  void check_instruction(const FileContext&, const Instruction& inst, Reporter& out) override {
    if (inst.kind != InstructionKind::kOnbuild || !inst.trigger) return;
    InstructionKind k = inst.trigger->kind;
    if (k != InstructionKind::kOnbuild && k != InstructionKind::kFrom && k != InstructionKind::kMaintainer) return;
    out.report(inst.trigger->keyword_span,
               fmt::format("`{}` is not allowed as an ONBUILD trigger: the build fails", inst.trigger->keyword));
  }
};

}  // namespace

RuleEntry dl3043_onbuild_forbidden_trigger() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<OnbuildForbiddenTrigger>()); }};
}

}  // namespace dockml::rules
