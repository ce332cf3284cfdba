// DL3065 redundant-target-platform: FROM --platform=$TARGETPLATFORM is the default anyway.
#include <fmt/format.h>

#include "analyzer/engine/rule.h"
#include "rules/hadolint/dl_common.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3065",
    .name = "no-redundant-target-platform",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "FROM --platform=$TARGETPLATFORM is redundant",
    .doc = R"md(## What it does
Reports `FROM --platform=$TARGETPLATFORM` (or `${TARGETPLATFORM}`).

## Why it matters
Stages are built for the target platform by default; the flag adds noise and suggests that
something platform-specific happens when it does not.

## Example
```dockerfile
FROM --platform=$TARGETPLATFORM python:3.11-slim
```

## Use instead
```dockerfile
FROM python:3.11-slim
```

## Fix safety
No fix offered.

## References
- hadolint DL3065 (2.15): https://github.com/hadolint/hadolint/wiki/DL3065
- BuildKit check RedundantTargetPlatform: https://docs.docker.com/reference/build-checks/redundant-target-platform/
)md",
    .tag = RuleTag::kUnnecessary,
};

class RedundantTargetPlatform final : public Rule {
 public:
  void check_instruction(const FileContext&, const Instruction& inst, Reporter& out) override {
    if (inst.kind != InstructionKind::kFrom) return;
    const Flag* p = inst.find_flag("platform");
    if (p == nullptr || (p->value != "$TARGETPLATFORM" && p->value != "${TARGETPLATFORM}")) return;
    out.report(p->span, fmt::format("`--platform={}` is the default for every stage; remove it", p->value));
  }
};

}  // namespace

RuleEntry dl3065_redundant_target_platform() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<RedundantTargetPlatform>()); }};
}

}  // namespace dockml::rules
