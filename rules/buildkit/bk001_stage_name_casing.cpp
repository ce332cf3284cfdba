// BK001 stage-name-casing (BuildKit StageNameCasing): a stage name with capital letters.
#include "analyzer/engine/rule.h"
#include "rules/buildkit/bk_util.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "BK001",
    .name = "stage-name-casing",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kSometimes,
    .summary = "Stage names should be lowercase",
    .doc = R"md(## What it does
Reports a `FROM ... AS <name>` whose stage name contains upper-case letters (BuildKit's
`StageNameCasing` check).

## Why it matters
Stage names are case-insensitive (`COPY --from=Builder` and `--from=builder` name the same
stage), so mixed case only suggests a distinction that does not exist and makes the name
harder to search for.

## Example
```dockerfile
FROM python:3.11-slim AS BuilderBase
```

## Use instead
```dockerfile
FROM python:3.11-slim AS builderbase
```

## Fix safety
Safe: the name is lower-cased where it is defined; references to it keep working because
BuildKit compares stage names ignoring case.

## References
- https://docs.docker.com/reference/build-checks/stage-name-casing/
)md",
    .alias = "StageNameCasing",
};

class StageNameCasing final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    const Word* name = bk::from_stage_name(inst);
    if (name == nullptr || bk::is_lower(name->text)) return;
    std::string lower = bk::to_lower(name->text);
    Diagnostic& d = out.report(name->span, "Stage name '" + name->text + "' should be lowercase");
    if (bk::word_is_verbatim(ctx, *name)) {
      d.fix = Fix{Applicability::kSafe, "Rename the stage to '" + lower + "'", {{name->span, lower}}};
    }
  }
};

}  // namespace

RuleEntry bk001_stage_name_casing() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<StageNameCasing>()); }};
}

}  // namespace dockml::rules
