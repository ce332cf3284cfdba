// DL3056 label-not-semver: A label of the schema type semver is not a semantic version
#include "analyzer/engine/rule.h"
#include "rules/hadolint/label_schema.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3056",
    .name = "label-not-semver",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "A label of the schema type semver is not a semantic version",
    .doc = R"md(## What it does
Reports a `LABEL` whose key the label schema (`label-schema:` in `.dockml.yaml` or
`.hadolint.yaml`) types as `semver` when its value is not a semantic version. A semantic version follows https://semver.org/ 2.0.0 (`MAJOR.MINOR.PATCH[-pre][+build]`); a leading `v` is accepted. Empty values are left to
DL3051 and values holding a `$` variable (`$BUILD_DATE`, known only at build time) are not judged.
Without a label schema the rule does nothing.

## Why it matters
Tools that read image labels (registries, scanners, inventory jobs) expect the documented
format; a malformed value is silently dropped or breaks their parsing.

## Example
```yaml
# .dockml.yaml
label-schema:
  org.opencontainers.image.version: semver
```
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.version="1.2"
```

## Use instead
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.version="1.2.0"
```

## Fix safety
No fix is offered: the right value is the author's.

## References
- hadolint 2.15 source, `src/Hadolint/Rule/DL3056.hs`
- hadolint rule DL3056: https://github.com/hadolint/hadolint/wiki/DL3056
)md",
};

class LabelNotSemver final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    hl::check_label_type(ctx, inst, out, "semver", &hl::is_semver, "a semantic version");
  }
};

}  // namespace

RuleEntry dl3056_label_not_semver() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<LabelNotSemver>()); }};
}

}  // namespace dockml::rules
