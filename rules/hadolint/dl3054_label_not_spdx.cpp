// DL3054 label-not-spdx: A label of the schema type spdx is not an SPDX license identifier
#include <optional>

#include "analyzer/engine/rule.h"
#include "rules/hadolint/label_schema.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3054",
    .name = "label-not-spdx",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "A label of the schema type spdx is not an SPDX license identifier",
    .doc = R"md(## What it does
Reports a `LABEL` whose key the label schema (`label-schema:` in `.dockml.yaml` or
`.hadolint.yaml`) types as `spdx` when its value is not an SPDX license expression. Accepted are SPDX license list identifiers in common use (case-insensitive, optional `+`), `LicenseRef-…`, and expressions joining them with `AND`, `OR`, `WITH <exception>` and parentheses. Empty values are left to
DL3051 and values holding a `$` variable (`$BUILD_DATE`, known only at build time) are not judged.
Without a label schema the rule does nothing.

## Why it matters
Tools that read image labels (registries, scanners, inventory jobs) expect the documented
format; a malformed value is silently dropped or breaks their parsing.

## Example
```yaml
# .dockml.yaml
label-schema:
  org.opencontainers.image.licenses: spdx
```
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.licenses="Apache 2"
```

## Use instead
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.licenses="Apache-2.0"
```

## Fix safety
No fix is offered: the right value is the author's.

## References
- hadolint 2.15 source, `src/Hadolint/Rule/DL3054.hs`
- hadolint rule DL3054: https://github.com/hadolint/hadolint/wiki/DL3054
)md",
};

class LabelNotSpdx final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    // The SPDX ids come from the knowledge base (names.json spdx), read once a value needs them.
    std::optional<SpdxLicenseList> list;
    auto valid = [&](std::string_view v) {
      if (!ctx.kb) return true;
      if (!list) list = ctx.kb->spdx_licenses();
      return hl::is_spdx_expression(v, *list);
    };
    hl::check_label_type(ctx, inst, out, "spdx", valid, "an SPDX license expression");
  }
};

}  // namespace

RuleEntry dl3054_label_not_spdx() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<LabelNotSpdx>()); }};
}

}  // namespace dockml::rules
