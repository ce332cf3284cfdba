// ML111 bad-cuda-image-tag: an nvidia/cuda tag that does not exist (no tag / `latest`, a
// two-part version where three parts are required, a cuDNN token or OS not offered for that
// CUDA version), checked against the knowledge base's tag grammar; display-only fix with the
// nearest valid tag when the knowledge base names one.
#include <fmt/format.h>

#include <cctype>

#include "analyzer/engine/rule.h"
#include "analyzer/image/image_facts.h"
#include "analyzer/model/image_model.h"
#include "rules/compat/compat_util.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "ML111",
    .name = "bad-cuda-image-tag",
    .severity = Severity::kError,
    .enabled_by_default = true,
    .fix = FixAvailability::kSometimes,
    .summary = "nvidia/cuda tag that does not exist",
    .doc = R"md(## What it does
Checks every `FROM nvidia/cuda:<tag>` (Docker Hub or `nvcr.io/nvidia/cuda`) against the tag
grammar recorded in the knowledge base: `<major>.<minor>.<patch>-[<cudnn>-]{base,runtime,devel}-<os>`.
It reports a missing tag or `latest` (removed), a two-part version where the images use three
parts (CUDA 11.1 and later), a CUDA version that was never released (12.7), a cuDNN token that
does not exist for that CUDA version (`cudnn8` exists for 11.x-12.2, `cudnn9` for 12.3, plain
`cudnn` from 12.4 on; `base` has no cuDNN variant), and an OS that is not offered for that
CUDA version (no `ubuntu24.04` before 12.5.1, no `ubuntu20.04` after 12.9). Tags the knowledge
base does not cover (legacy two-part tags, versions newer than its snapshot) are not reported.
End-of-life tags of an existing minor are not reported here.

## Why it matters
`docker build` fails at the first line with `manifest for nvidia/cuda:<tag> not found:
manifest unknown`. The tag grammar changed several times (three-part versions, cuDNN tokens),
so tags copied from old tutorials often do not exist.

## Example
```dockerfile
FROM nvidia/cuda:12.4.1-cudnn8-devel-ubuntu22.04
```

## Use instead
```dockerfile
FROM nvidia/cuda:12.4.1-cudnn-devel-ubuntu22.04
```

## Fix safety
When the knowledge base names the nearest valid tag (the latest point release of a two-part
version, the right cuDNN token, `runtime` instead of `base` for cuDNN), the fix shows it. It is
display-only: a different tag is a different image (CUDA patch level, cuDNN version), so you
choose it.

## References
- nvidia/cuda supported tags and Dockerfiles: gitlab.com/nvidia/container-images/cuda
  (`doc/supported-tags.md`, `dist/`), mirrored at pdtgct/cuda@e3c1b680 (images.json I1, I2)
- Removal of the `latest` tag and the three-part version format: README of the CUDA image
  repository and Koasing/cuda-container (images.json I3, I4)
- CUDA 12.7 never released: CUDA Features Archive (cuda.json K14)
)md",
};

// The pieces of a tag: version, optional cuDNN token, flavor, OS.
std::string retag(std::string_view tag, const std::string& suggestion) {
  std::vector<std::string> parts;
  size_t b = 0;
  while (true) {
    size_t e = tag.find('-', b);
    parts.emplace_back(tag.substr(b, e == std::string_view::npos ? std::string_view::npos : e - b));
    if (e == std::string_view::npos) break;
    b = e + 1;
  }
  if (parts.empty() || suggestion.empty()) return {};
  auto is_flavor = [](const std::string& p) { return p == "base" || p == "runtime" || p == "devel"; };
  if (auto v = Version::parse(suggestion); v && std::isdigit(static_cast<unsigned char>(suggestion[0]))) {
    parts[0] = suggestion;
  } else if (suggestion.starts_with("cudnn")) {
    if (parts.size() > 1 && parts[1].starts_with("cudnn")) parts[1] = suggestion;
    else return {};
  } else if (is_flavor(suggestion)) {
    bool done = false;
    for (auto& p : parts) {
      if (is_flavor(p)) {
        p = suggestion;
        done = true;
        break;
      }
    }
    if (!done) return {};
  } else {
    return {};
  }
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? "-" : "") + parts[i];
  return out;
}

// Follows the knowledge base's suggestions until a valid tag (at most a few steps).
std::string nearest_valid_tag(const KnowledgeBase& kb, std::string tag, std::string suggestion) {
  for (int step = 0; step < 4; ++step) {
    tag = retag(tag, suggestion);
    if (tag.empty()) return {};
    CudaTagCheck c = kb.nvidia_cuda_tag_check(tag);
    if (c.status == TagStatus::kValid) return tag;
    if (c.status != TagStatus::kInvalid) return {};
    suggestion = c.suggestion;
  }
  return {};
}

class BadCudaImageTag final : public Rule {
 public:
  void finish(const FileContext& ctx, Reporter& out) override {
    if (!ctx.model || !ctx.kb) return;
    for (const StageModel& st : ctx.model->stages) {
      if (st.parent || !st.base_ref || st.facts.family != ImageFamily::kNvidiaCuda) continue;
      if (!st.facts.cuda_tag || st.facts.cuda_tag->status != TagStatus::kInvalid) continue;
      const CudaTagCheck& check = *st.facts.cuda_tag;
      const ImageRef& ref = *st.base_ref;
      if (!ref.digest.empty()) continue;  // pulled by digest: the tag is not used
      std::string message = fmt::format("nvidia/cuda tag `{}` does not exist: {}",
                                        ref.tag.empty() ? "latest" : ref.tag, check.reason);
      Diagnostic& d = out.report(st.base_span, std::move(message));
      if (st.base_raw != st.base)
        d.notes.push_back(fmt::format("`{}` expands to `{}`", st.base_raw, st.base));
      compat::Evidence ev;
      ev.add(check.from);
      compat::apply_evidence(d, ev);
      std::string fixed = ref.tag.empty() ? std::string() : nearest_valid_tag(*ctx.kb, ref.tag, check.suggestion);
      if (fixed.empty()) continue;
      // The edit replaces the tag only when it is written literally in the FROM line.
      std::string_view text = ctx.source->text().substr(st.base_span.begin,
                                                        st.base_span.end - st.base_span.begin);
      size_t at = text.rfind(":" + ref.tag);
      if (st.base_raw != st.base || at == std::string_view::npos) {
        d.notes.push_back(fmt::format("nearest valid tag: {}", fixed));
        continue;
      }
      uint32_t begin = st.base_span.begin + static_cast<uint32_t>(at) + 1;
      d.fix = Fix{Applicability::kDisplay, fmt::format("Use the existing tag {}", fixed),
                  {Edit{Span{begin, begin + static_cast<uint32_t>(ref.tag.size())}, fixed}}};
    }
  }
};

}  // namespace

RuleEntry ml111_bad_cuda_image_tag() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<BadCudaImageTag>()); }};
}

}  // namespace dockml::rules
