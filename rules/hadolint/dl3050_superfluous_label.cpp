// DL3050 superfluous-label: A label outside the label schema is set (strict labels)
#include <fmt/format.h>
#include "analyzer/engine/options.h"
#include "analyzer/engine/rule.h"
#include "rules/hadolint/label_schema.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3050",
    .name = "superfluous-label",
    .severity = Severity::kInfo,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "A label outside the label schema is set (strict labels)",
    .doc = R"md(## What it does
With `strict-labels: true` and a label schema, reports every `LABEL` key that the schema does not
list. Without strict labels or without a schema the rule does nothing.

## Why it matters
Teams that enforce a label schema want every label to be a documented one, so tooling and
humans can rely on the set.

## Example
```yaml
# .dockml.yaml
label-schema:
  org.opencontainers.image.source: url
strict-labels: true
```
```dockerfile
FROM python:3.12-slim
LABEL org.opencontainers.image.source="https://github.com/acme/app" team="ml"
```

## Use instead
```dockerfile
FROM python:3.12-slim
LABEL org.opencontainers.image.source="https://github.com/acme/app"
```

## Fix safety
No fix is offered.

## References
- hadolint 2.15 source, `src/Hadolint/Rule/DL3050.hs`
- hadolint rule DL3050: https://github.com/hadolint/hadolint/wiki/DL3050
)md",
};

class SuperfluousLabel final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    if (ctx.options == nullptr || !ctx.options->strict_labels || ctx.options->label_schema.empty()) return;
    for (const hl::LabelPair& p : hl::label_pairs(ctx, inst)) {
      if (ctx.options->label_schema.count(p.key) != 0) continue;
      out.report(p.kv->key.span, fmt::format("label `{}` is not in the label schema (strict labels)", p.key));
    }
  }
};

}  // namespace

RuleEntry dl3050_superfluous_label() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<SuperfluousLabel>()); }};
}

}  // namespace dockml::rules
