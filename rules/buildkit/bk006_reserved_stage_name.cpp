// BK006 reserved-stage-name (BuildKit ReservedStageName): a stage named `scratch` or `context`.
#include "analyzer/engine/rule.h"
#include "rules/buildkit/bk_util.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "BK006",
    .name = "reserved-stage-name",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "Reserved words should not be used as stage names",
    .doc = R"md(## What it does
Reports a stage named `scratch` or `context` (any casing), the words BuildKit reserves
(BuildKit's `ReservedStageName` check).

## Why it matters
`FROM scratch` always means the empty image and `context` names the build context in
`COPY --from` and `--build-context`, so a stage with such a name cannot be referenced as
intended.

## Example
```dockerfile
FROM alpine AS scratch
```

## Use instead
```dockerfile
FROM alpine AS base
```

## Fix safety
No fix is offered: a new name has to be chosen.

## References
- https://docs.docker.com/reference/build-checks/reserved-stage-name/
)md",
    .alias = "ReservedStageName",
};

class ReservedStageName final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    const Word* name = bk::from_stage_name(inst);
    if (name == nullptr) return;
    std::string lower = bk::to_lower(name->text);
    if (lower != "scratch" && lower != "context") return;
    out.report(name->span, "'" + name->text + "' is reserved and should not be used as a stage name");
  }
};

}  // namespace

RuleEntry bk006_reserved_stage_name() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<ReservedStageName>()); }};
}

}  // namespace dockml::rules
