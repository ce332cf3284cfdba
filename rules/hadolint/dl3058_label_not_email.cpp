// DL3058 label-not-email: A label of the schema type email is not an RFC 5322 e-mail address
#include "analyzer/engine/rule.h"
#include "rules/hadolint/label_schema.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3058",
    .name = "label-not-email",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "A label of the schema type email is not an RFC 5322 e-mail address",
    .doc = R"md(## What it does
Reports a `LABEL` whose key the label schema (`label-schema:` in `.dockml.yaml` or
`.hadolint.yaml`) types as `email` when its value is not an RFC 5322 e-mail address. Accepted are RFC 5322 addresses (`local@domain`) and mailboxes with a display name (`Jane Doe <jane@acme.dev>`), with optional `(comments)`. Empty values are left to
DL3051 and values holding a `$` variable (`$BUILD_DATE`, known only at build time) are not judged.
Without a label schema the rule does nothing.

## Why it matters
Tools that read image labels (registries, scanners, inventory jobs) expect the documented
format; a malformed value is silently dropped or breaks their parsing.

## Example
```yaml
# .dockml.yaml
label-schema:
  maintainer: email
```
```dockerfile
FROM alpine:3.20
LABEL maintainer="acme.dev"
```

## Use instead
```dockerfile
FROM alpine:3.20
LABEL maintainer="ml-platform@acme.dev"
```

## Fix safety
No fix is offered: the right value is the author's.

## References
- hadolint 2.15 source, `src/Hadolint/Rule/DL3058.hs`
- hadolint rule DL3058: https://github.com/hadolint/hadolint/wiki/DL3058
)md",
};

class LabelNotEmail final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    hl::check_label_type(ctx, inst, out, "email", &hl::is_email, "an RFC 5322 e-mail address");
  }
};

}  // namespace

RuleEntry dl3058_label_not_email() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<LabelNotEmail>()); }};
}

}  // namespace dockml::rules
