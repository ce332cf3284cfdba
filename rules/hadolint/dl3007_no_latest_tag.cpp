// DL3007 no-latest-tag: a FROM image pinned to the moving `latest` tag.
#include <optional>

#include <fmt/format.h>

#include "analyzer/engine/rule.h"
#include "rules/hadolint/dl_common.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3007",
    .name = "no-latest-tag",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "Using latest is prone to errors if the image will ever update",
    .doc = R"md(## What it does
Reports a `FROM` whose image uses the `latest` tag without a digest. `FROM ${BASE}` is resolved
through the ARG's default (and `--build-arg`) first.
On the images ML402 judges (`nvidia/cuda`, `pytorch/pytorch`, `tensorflow/tensorflow`, the NGC
containers, `rocm/*`) ML402 reports the floating tag instead, with the ML-specific reason;
DL3007 reports it there only when ML402 is not selected.

## Why it matters
`latest` is whatever the publisher pushed last: rebuilding the same Dockerfile later gives a
different base, possibly a new major version, and builds stop being reproducible.

## Example
```dockerfile
FROM python:latest
```

## Use instead
```dockerfile
FROM python:3.11-slim
```

## Fix safety
No fix: the right version is the author's choice.

## References
- hadolint DL3007: https://github.com/hadolint/hadolint/wiki/DL3007
)md",
};

class NoLatestTag final : public Rule {
 public:
  void finish(const FileContext& ctx, Reporter& out) override {
    if (ctx.dockerfile == nullptr) return;
    const BuildScope& scope = dl::scope_of(ctx, scope_);
    for (const StageInfo& st : scope.stages()) {
      if (st.is_scratch || st.parent || !st.base_exact || st.base_error) continue;
      if (dl::has_digest(st.base) || dl::image_tag(st.base) != "latest") continue;
      std::string msg =
          st.base_raw == st.base
              ? fmt::format("image `{}` uses the moving `latest` tag: rebuilds get whatever was pushed "
                            "last; pin a version tag or a digest",
                            st.base)
              : fmt::format("`{}` resolves to `{}`, which uses the moving `latest` tag: rebuilds get "
                            "whatever was pushed last; pin a version tag or a digest",
                            st.base_raw, st.base);
      out.report(st.base_span, std::move(msg));
    }
  }

 private:
  std::optional<BuildScope> scope_;
};

}  // namespace

RuleEntry dl3007_no_latest_tag() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<NoLatestTag>()); }};
}

}  // namespace dockml::rules
