// DL4003 multiple-cmd: more than one CMD in a stage; only the last one takes effect.
#include <vector>


#include "analyzer/engine/rule.h"
#include "rules/hadolint/overridden_in_stage.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL4003",
    .name = "multiple-cmd",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "Multiple CMD instructions found; only the last one takes effect",
    .doc = R"md(## What it does
Reports every `CMD` of a stage that a later `CMD` in the same stage overrides. `CMD` inside
`ONBUILD` is not counted.

## Why it matters
Only the last `CMD` of the image is used: the earlier ones are dead code that misleads readers
about what the container runs.

## Example
```dockerfile
FROM python:3.11-slim
CMD ["python", "train.py"]
CMD ["python", "serve.py"]
```

## Use instead
```dockerfile
FROM python:3.11-slim
CMD ["python", "serve.py"]
```

## Fix safety
No fix: which one was meant is the author's choice.

## References
- hadolint DL4003: https://github.com/hadolint/hadolint/wiki/DL4003
- Dockerfile reference, CMD: https://docs.docker.com/reference/dockerfile/
)md",
    .tag = RuleTag::kUnnecessary,
};

class MultipleCmd final : public dl::OverriddenInStage {
 public:
  MultipleCmd() : OverriddenInStage(InstructionKind::kCmd) {}
};

}  // namespace

RuleEntry dl4003_multiple_cmd() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<MultipleCmd>()); }};
}

}  // namespace dockml::rules
