// BK005 duplicate-stage-name (BuildKit DuplicateStageName): two stages with the same name.
#include <map>
#include <string>

#include "analyzer/engine/rule.h"
#include "rules/buildkit/bk_util.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "BK005",
    .name = "duplicate-stage-name",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "Stage names should be unique",
    .doc = R"md(## What it does
Reports a `FROM ... AS <name>` whose name (compared ignoring case) was already given to an
earlier stage (BuildKit's `DuplicateStageName` check).

## Why it matters
`COPY --from=<name>`, `FROM <name>` and `--target <name>` can only mean one of the stages,
so the others cannot be referenced at all.

## Example
```dockerfile
FROM python:3.11 AS build
FROM python:3.11-slim AS build
```

## Use instead
```dockerfile
FROM python:3.11 AS build
FROM python:3.11-slim AS runtime
```

## Fix safety
No fix is offered: which references meant which stage is not known.

## References
- https://docs.docker.com/reference/build-checks/duplicate-stage-name/
)md",
    .alias = "DuplicateStageName",
};

class DuplicateStageName final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    const Word* name = bk::from_stage_name(inst);
    if (name == nullptr || bk::index_of(ctx, inst) == bk::kNoIndex) return;
    std::string key = bk::to_lower(name->text);
    auto [it, inserted] = seen_.emplace(key, name->span);
    if (inserted) return;
    Diagnostic& d = out.report(name->span, "Duplicate stage name '" + name->text +
                                               "', stage names should be unique");
    d.labels.push_back({ctx.source, it->second, "first defined here"});
  }

 private:
  std::map<std::string, Span> seen_;
};

}  // namespace

RuleEntry bk005_duplicate_stage_name() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<DuplicateStageName>()); }};
}

}  // namespace dockml::rules
