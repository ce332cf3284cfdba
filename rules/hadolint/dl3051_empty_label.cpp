// DL3051 empty-label: A label of the label schema is empty
#include <fmt/format.h>
#include "analyzer/engine/options.h"
#include "analyzer/engine/rule.h"
#include "rules/hadolint/label_schema.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3051",
    .name = "empty-label",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "A label of the label schema is empty",
    .doc = R"md(## What it does
With a label schema, reports a `LABEL` that sets one of the schema's labels to an empty value
(`LABEL org.opencontainers.image.version=""`). Without a schema the rule does nothing.

## Why it matters
An empty required label satisfies a presence check while carrying no information.

## Example
```yaml
# .dockml.yaml
label-schema:
  org.opencontainers.image.version: semver
```
```dockerfile
FROM python:3.12-slim
LABEL org.opencontainers.image.version=""
```

## Use instead
```dockerfile
FROM python:3.12-slim
ARG VERSION=1.4.0
LABEL org.opencontainers.image.version="$VERSION"
```

## Fix safety
No fix is offered.

## References
- hadolint 2.15 source, `src/Hadolint/Rule/DL3051.hs`
- hadolint rule DL3051: https://github.com/hadolint/hadolint/wiki/DL3051
)md",
};

class EmptyLabel final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    if (ctx.options == nullptr || ctx.options->label_schema.empty()) return;
    for (const hl::LabelPair& p : hl::label_pairs(ctx, inst)) {
      if (!p.value.empty() || ctx.options->label_schema.count(p.key) == 0) continue;
      Span at = p.kv->value.span.empty() ? p.kv->span : p.kv->value.span;
      out.report(at, fmt::format("label `{}` of the label schema is empty", p.key));
    }
  }
};

}  // namespace

RuleEntry dl3051_empty_label() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<EmptyLabel>()); }};
}

}  // namespace dockml::rules
