// DL3024 unique-stage-alias: two stages share one name.
#include <map>
#include <optional>

#include <fmt/format.h>

#include "analyzer/engine/rule.h"
#include "rules/hadolint/dl_common.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3024",
    .name = "unique-stage-alias",
    .severity = Severity::kError,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "FROM aliases (stage names) must be unique",
    .doc = R"md(## What it does
Reports a stage whose `AS` name (compared case-insensitively) was already used by an earlier
stage.

## Why it matters
BuildKit rejects the file ("duplicate stage name"); older builders silently used one of them
for `COPY --from` and `--target`.

## Example
```dockerfile
FROM python:3.11 AS build
FROM node:20 AS build
```

## Use instead
```dockerfile
FROM python:3.11 AS build-py
FROM node:20 AS build-js
```

## Fix safety
No fix: every reference would have to be renamed by intent.

## References
- hadolint DL3024: https://github.com/hadolint/hadolint/wiki/DL3024
)md",
};

class UniqueStageAlias final : public Rule {
 public:
  void finish(const FileContext& ctx, Reporter& out) override {
    if (ctx.dockerfile == nullptr) return;
    const BuildScope& scope = dl::scope_of(ctx, scope_);
    std::map<std::string, size_t> first;
    for (const StageInfo& st : scope.stages()) {
      if (st.name.empty()) continue;
      auto [it, fresh] = first.emplace(st.name, st.from_instruction);
      if (fresh) continue;
      out.report(st.name_span, fmt::format("stage name `{}` is already used by the stage on line {}",
                                           ctx.source->slice(st.name_span),
                                           ctx.dockerfile->instructions[it->second].start_line + 1));
    }
  }

 private:
  std::optional<BuildScope> scope_;
};

}  // namespace

RuleEntry dl3024_unique_stage_alias() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<UniqueStageAlias>()); }};
}

}  // namespace dockml::rules
