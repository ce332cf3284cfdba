// DL3053 label-not-rfc3339: A label of the schema type rfc3339 is not an RFC 3339 time
#include "analyzer/engine/rule.h"
#include "rules/hadolint/label_schema.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3053",
    .name = "label-not-rfc3339",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "A label of the schema type rfc3339 is not an RFC 3339 time",
    .doc = R"md(## What it does
Reports a `LABEL` whose key the label schema (`label-schema:` in `.dockml.yaml` or
`.hadolint.yaml`) types as `rfc3339` when its value is not an RFC 3339 date-time. RFC 3339 is `YYYY-MM-DDTHH:MM:SS[.frac]` followed by `Z` or `+HH:MM`/`-HH:MM`, with valid calendar values. Empty values are left to
DL3051 and values holding a `$` variable (`$BUILD_DATE`, known only at build time) are not judged.
Without a label schema the rule does nothing.

## Why it matters
Tools that read image labels (registries, scanners, inventory jobs) expect the documented
format; a malformed value is silently dropped or breaks their parsing.

## Example
```yaml
# .dockml.yaml
label-schema:
  org.opencontainers.image.created: rfc3339
```
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.created="2024-13-01"
```

## Use instead
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.created="2024-12-01T10:00:00Z"
```

## Fix safety
No fix is offered: the right value is the author's.

## References
- hadolint 2.15 source, `src/Hadolint/Rule/DL3053.hs`
- hadolint rule DL3053: https://github.com/hadolint/hadolint/wiki/DL3053
)md",
};

class LabelNotRfc3339 final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    hl::check_label_type(ctx, inst, out, "rfc3339", &hl::is_rfc3339, "an RFC 3339 date-time");
  }
};

}  // namespace

RuleEntry dl3053_label_not_rfc3339() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<LabelNotRfc3339>()); }};
}

}  // namespace dockml::rules
