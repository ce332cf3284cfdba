// DL3063 reserved-stage-name: a stage named with a reserved word.
#include <fmt/format.h>

#include "analyzer/engine/rule.h"
#include "rules/hadolint/dl_common.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3063",
    .name = "no-reserved-stage-name",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "Stage name is a reserved word",
    .doc = R"md(## What it does
Reports a stage named `scratch` or `context` (case-insensitively).

## Why it matters
`scratch` is the empty image and `context` the build context: a stage with one of these names
is ambiguous, and BuildKit rejects or reinterprets references to it.

## Example
```dockerfile
FROM alpine:3.19 AS scratch
```

## Use instead
```dockerfile
FROM alpine:3.19 AS base
```

## Fix safety
No fix: references would have to be renamed too.

## References
- hadolint DL3063 (2.15): https://github.com/hadolint/hadolint/wiki/DL3063
- BuildKit check ReservedStageName: https://docs.docker.com/reference/build-checks/reserved-stage-name/
)md",
};

class ReservedStageName final : public Rule {
 public:
  void check_instruction(const FileContext&, const Instruction& inst, Reporter& out) override {
    if (inst.kind != InstructionKind::kFrom || inst.args.size() != 3) return;
    std::string name = dl::lower(inst.args[2].text);
    if (name != "scratch" && name != "context") return;
    out.report(inst.args[2].span, fmt::format("`{}` is a reserved word and cannot name a stage", inst.args[2].text));
  }
};

}  // namespace

RuleEntry dl3063_reserved_stage_name() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<ReservedStageName>()); }};
}

}  // namespace dockml::rules
