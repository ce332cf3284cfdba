// BK015 redundant-target-platform (BuildKit RedundantTargetPlatform):
// `FROM --platform=$TARGETPLATFORM`.
#include <string>

#include "analyzer/engine/rule.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "BK015",
    .name = "redundant-target-platform",
    .severity = Severity::kInfo,
    .enabled_by_default = true,
    .fix = FixAvailability::kSometimes,
    .summary = "Setting platform to predefined $TARGETPLATFORM in FROM is redundant as this is the default behavior",
    .doc = R"md(## What it does
Reports `FROM --platform=$TARGETPLATFORM` (or `${TARGETPLATFORM}`) (BuildKit's
`RedundantTargetPlatform` check).

## Why it matters
Stages are built for the target platform by default; the flag adds noise and suggests a
platform switch that does not happen (`$BUILDPLATFORM` is the one that changes things).

## Example
```dockerfile
FROM --platform=$TARGETPLATFORM python:3.11-slim
```

## Use instead
```dockerfile
FROM python:3.11-slim
```

## Fix safety
Safe: the flag is removed; the stage keeps being built for the target platform.

## References
- https://docs.docker.com/reference/build-checks/redundant-target-platform/
)md",
    .alias = "RedundantTargetPlatform",
    .tag = RuleTag::kUnnecessary,
};

class RedundantTargetPlatform final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    if (inst.kind != InstructionKind::kFrom) return;
    const Flag* f = inst.find_flag("platform");
    if (f == nullptr || (f->value != "$TARGETPLATFORM" && f->value != "${TARGETPLATFORM}")) return;
    Diagnostic& d = out.report(f->span, "Setting platform to predefined " + f->value +
                                            " in FROM is redundant as this is the default behavior");
    // Remove the flag and the blanks after it, when they are on the same line.
    std::string_view text = ctx.source->text();
    uint32_t end = f->span.end;
    while (end < text.size() && (text[end] == ' ' || text[end] == '\t')) ++end;
    if (end == f->span.end || end >= text.size() || text[end] == '\n' || text[end] == '\r') return;
    d.fix = Fix{Applicability::kSafe, "Remove --platform=" + f->value, {{Span{f->span.begin, end}, ""}}};
  }
};

}  // namespace

RuleEntry bk015_redundant_target_platform() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<RedundantTargetPlatform>()); }};
}

}  // namespace dockml::rules
