// DL3006 tag-image-version: a FROM image without a tag or digest (ARG defaults resolved).
#include <optional>

#include <fmt/format.h>

#include "analyzer/engine/rule.h"
#include "rules/hadolint/dl_common.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3006",
    .name = "tag-image-version",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "Always tag the version of an image explicitly",
    .doc = R"md(## What it does
Reports a `FROM` whose image has neither a tag nor a digest. `FROM ${BASE}` is resolved through
the ARG's default (and `--build-arg`) first; a FROM naming an earlier stage, `scratch`, or an
image that depends on an ARG without a known value is not reported.
On the images ML402 judges (`nvidia/cuda`, `pytorch/pytorch`, `tensorflow/tensorflow`, the NGC
containers, `rocm/*`) ML402 reports the floating tag instead, with the ML-specific reason;
DL3006 reports it there only when ML402 is not selected.

## Why it matters
Without a tag Docker pulls `:latest`, which changes whenever the publisher pushes: the same
Dockerfile builds a different image tomorrow, and a new major version can break the build.

## Example
```dockerfile
ARG BASE=ubuntu
FROM ${BASE}
```

## Use instead
```dockerfile
ARG BASE=ubuntu:22.04
FROM ${BASE}
```

## Fix safety
No fix: the right version is the author's choice.

## References
- hadolint DL3006: https://github.com/hadolint/hadolint/wiki/DL3006
- hadolint issues #1078, #858, #979 (ARG-supplied images are not resolved there)
)md",
};

class TagImageVersion final : public Rule {
 public:
  void finish(const FileContext& ctx, Reporter& out) override {
    if (ctx.dockerfile == nullptr) return;
    const BuildScope& scope = dl::scope_of(ctx, scope_);
    for (const StageInfo& st : scope.stages()) {
      if (st.is_scratch || st.parent || !st.base_exact || st.base_error || st.base.empty()) continue;
      if (st.base.find('$') != std::string::npos || dl::lower(st.base) == "scratch") continue;
      if (dl::has_digest(st.base) || !dl::image_tag(st.base).empty()) continue;
      std::string msg =
          st.base_raw == st.base
              ? fmt::format("image `{}` has no tag: Docker pulls `{}:latest`, whatever it is at build "
                            "time; pin a version tag or a digest",
                            st.base, st.base)
              : fmt::format("`{}` resolves to `{}`, which has no tag: Docker pulls `{}:latest`, whatever "
                            "it is at build time; pin a version tag or a digest",
                            st.base_raw, st.base, st.base);
      out.report(st.base_span, std::move(msg));
    }
  }

 private:
  std::optional<BuildScope> scope_;
};

}  // namespace

RuleEntry dl3006_tag_image_version() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<TagImageVersion>()); }};
}

}  // namespace dockml::rules
