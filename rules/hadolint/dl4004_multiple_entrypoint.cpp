// DL4004 multiple-entrypoint: more than one ENTRYPOINT in a stage; only the last one takes effect.
#include <vector>


#include "analyzer/engine/rule.h"
#include "rules/hadolint/overridden_in_stage.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL4004",
    .name = "multiple-entrypoint",
    .severity = Severity::kError,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "Multiple ENTRYPOINT instructions found; only the last one takes effect",
    .doc = R"md(## What it does
Reports every `ENTRYPOINT` of a stage that a later `ENTRYPOINT` in the same stage overrides. `ENTRYPOINT` inside
`ONBUILD` is not counted.

## Why it matters
Only the last `ENTRYPOINT` of the image is used: the earlier ones are dead code that misleads readers
about what the container runs.

## Example
```dockerfile
FROM python:3.11-slim
ENTRYPOINT ["/setup.sh"]
ENTRYPOINT ["python", "serve.py"]
```

## Use instead
```dockerfile
FROM python:3.11-slim
ENTRYPOINT ["python", "serve.py"]
```

## Fix safety
No fix: which one was meant is the author's choice.

## References
- hadolint DL4004: https://github.com/hadolint/hadolint/wiki/DL4004
- Dockerfile reference, ENTRYPOINT: https://docs.docker.com/reference/dockerfile/
)md",
    .tag = RuleTag::kUnnecessary,
};

class MultipleEntrypoint final : public dl::OverriddenInStage {
 public:
  MultipleEntrypoint() : OverriddenInStage(InstructionKind::kEntrypoint) {}
};

}  // namespace

RuleEntry dl4004_multiple_entrypoint() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<MultipleEntrypoint>()); }};
}

}  // namespace dockml::rules
