// DL3052 label-not-url: A label of the schema type url is not a valid URL
#include "analyzer/engine/rule.h"
#include "rules/hadolint/label_schema.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3052",
    .name = "label-not-url",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "A label of the schema type url is not a valid URL",
    .doc = R"md(## What it does
Reports a `LABEL` whose key the label schema (`label-schema:` in `.dockml.yaml` or
`.hadolint.yaml`) types as `url` when its value is not a valid URL. A URL is an absolute URI (`scheme:rest`, no spaces); `http`, `https`, `ftp` and `ws` URLs also need a host after `//`. Empty values are left to
DL3051 and values holding a `$` variable (`$BUILD_DATE`, known only at build time) are not judged.
Without a label schema the rule does nothing.

## Why it matters
Tools that read image labels (registries, scanners, inventory jobs) expect the documented
format; a malformed value is silently dropped or breaks their parsing.

## Example
```yaml
# .dockml.yaml
label-schema:
  org.opencontainers.image.source: url
```
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.source="github.com/acme/app"
```

## Use instead
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.source="https://github.com/acme/app"
```

## Fix safety
No fix is offered: the right value is the author's.

## References
- hadolint 2.15 source, `src/Hadolint/Rule/DL3052.hs`
- hadolint rule DL3052: https://github.com/hadolint/hadolint/wiki/DL3052
)md",
};

class LabelNotUrl final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    hl::check_label_type(ctx, inst, out, "url", &hl::is_url, "a valid URL");
  }
};

}  // namespace

RuleEntry dl3052_label_not_url() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<LabelNotUrl>()); }};
}

}  // namespace dockml::rules
