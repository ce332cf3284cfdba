// DL3023 copy-from-own-stage: COPY --from names the stage it is in.
#include <optional>

#include <fmt/format.h>

#include "analyzer/engine/rule.h"
#include "rules/hadolint/dl_common.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3023",
    .name = "copy-from-own-stage",
    .severity = Severity::kError,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "COPY --from cannot reference its own FROM alias",
    .doc = R"md(## What it does
Reports `COPY --from=<stage>` inside that same stage (by name or by index).

## Why it matters
A stage cannot copy from itself: BuildKit fails with a dependency cycle.

## Example
```dockerfile
FROM python:3.11 AS app
COPY --from=app /src /dst
```

## Use instead
```dockerfile
FROM python:3.11 AS build
FROM python:3.11-slim AS app
COPY --from=build /src /dst
```

## Fix safety
No fix.

## References
- hadolint DL3023: https://github.com/hadolint/hadolint/wiki/DL3023
)md",
};

class CopyFromOwnStage final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    if (inst.kind != InstructionKind::kCopy) return;
    const Flag* from = inst.find_flag("from");
    size_t idx = dl::index_of(ctx, inst);
    if (from == nullptr || !from->has_value || idx == kNoInstruction) return;
    const BuildScope& scope = dl::scope_of(ctx, scope_);
    std::optional<size_t> here = scope.stage_of(idx);
    if (!here) return;
    const StageInfo& st = scope.stages()[*here];
    bool same = (!st.name.empty() && dl::lower(from->value) == st.name) ||
                from->value == std::to_string(*here);
    if (!same) return;
    out.report(from->value_span,
               fmt::format("`--from={}` names the stage this COPY is in: a stage cannot copy from itself",
                           from->value));
  }

 private:
  std::optional<BuildScope> scope_;
};

}  // namespace

RuleEntry dl3023_copy_from_own_stage() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<CopyFromOwnStage>()); }};
}

}  // namespace dockml::rules
