// DL3012 multiple-healthchecks: more than one HEALTHCHECK in a stage.
#include <vector>


#include "analyzer/engine/rule.h"
#include "rules/hadolint/overridden_in_stage.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3012",
    .name = "multiple-healthchecks",
    .severity = Severity::kError,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "Multiple HEALTHCHECK instructions",
    .doc = R"md(## What it does
Reports every `HEALTHCHECK` of a stage that a later `HEALTHCHECK` in the same stage overrides.
`HEALTHCHECK` inside `ONBUILD` is not counted.

## Why it matters
Only the last HEALTHCHECK takes effect; the earlier ones are dead code that misleads readers
about how the container is probed.

## Example
```dockerfile
FROM python:3.11-slim
HEALTHCHECK CMD ["curl", "-f", "http://localhost/health"]
HEALTHCHECK CMD ["curl", "-f", "http://localhost/ready"]
```

## Use instead
```dockerfile
FROM python:3.11-slim
HEALTHCHECK CMD ["curl", "-f", "http://localhost/ready"]
```

## Fix safety
No fix: which one was meant is the author's choice.

## References
- hadolint DL3012: https://github.com/hadolint/hadolint/wiki/DL3012
- Dockerfile reference, HEALTHCHECK: https://docs.docker.com/reference/dockerfile/#healthcheck
)md",
    .tag = RuleTag::kUnnecessary,
};

class MultipleHealthchecks final : public dl::OverriddenInStage {
 public:
  MultipleHealthchecks() : OverriddenInStage(InstructionKind::kHealthcheck) {}
};

}  // namespace

RuleEntry dl3012_multiple_healthchecks() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<MultipleHealthchecks>()); }};
}

}  // namespace dockml::rules
