// DL3055 label-not-git-hash: A label of the schema type hash is not a git hash
#include "analyzer/engine/rule.h"
#include "rules/hadolint/label_schema.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3055",
    .name = "label-not-git-hash",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "A label of the schema type hash is not a git hash",
    .doc = R"md(## What it does
Reports a `LABEL` whose key the label schema (`label-schema:` in `.dockml.yaml` or
`.hadolint.yaml`) types as `hash` when its value is not a git commit hash. A git hash is 7 to 40 lower-case hex digits (abbreviated or full SHA-1) or 64 (SHA-256 repositories); hadolint only accepts exactly 7 or 40, which rejects `git rev-parse --short=8` output. Empty values are left to
DL3051 and values holding a `$` variable (`$BUILD_DATE`, known only at build time) are not judged.
Without a label schema the rule does nothing.

## Why it matters
Tools that read image labels (registries, scanners, inventory jobs) expect the documented
format; a malformed value is silently dropped or breaks their parsing.

## Example
```yaml
# .dockml.yaml
label-schema:
  org.opencontainers.image.revision: hash
```
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.revision="main"
```

## Use instead
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.revision="1f3c2a9e0b7d4c6a8e5f2b1d9c0a7e6f5d4c3b2a"
```

## Fix safety
No fix is offered: the right value is the author's.

## References
- hadolint 2.15 source, `src/Hadolint/Rule/DL3055.hs`
- hadolint rule DL3055: https://github.com/hadolint/hadolint/wiki/DL3055
)md",
};

class LabelNotGitHash final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    hl::check_label_type(ctx, inst, out, "hash", &hl::is_git_hash, "a git commit hash");
  }
};

}  // namespace

RuleEntry dl3055_label_not_git_hash() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<LabelNotGitHash>()); }};
}

}  // namespace dockml::rules
