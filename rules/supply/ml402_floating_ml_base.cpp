// ML402 floating-ml-base: an ML framework base image (CUDA, PyTorch, TensorFlow, NGC, ROCm)
// on a floating tag (`latest`, `latest-gpu`, `nightly`, no tag at all).
#include <string>
#include <string_view>

#include <re2/re2.h>

#include "analyzer/engine/rule.h"
#include "analyzer/model/image_model.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "ML402",
    .name = "floating-ml-base",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "ML framework base image on a floating tag (latest, latest-gpu, nightly, no tag)",
    .doc = R"md(## What it does
Reports a `FROM` of an ML framework image whose tag floats: no tag and no digest (Docker
pulls `latest`), `latest`, or a tag with a `latest` or `nightly` component (`latest-gpu`,
`nightly-gpu-jupyter`, `2.17.0-nightly`). The images judged are the families the knowledge
base classifies: `nvidia/cuda`, `pytorch/pytorch`, `tensorflow/tensorflow`, the NGC
containers (`nvcr.io/nvidia/pytorch`, `tensorflow`, `jax`, `tritonserver`, `cuda-dl-base`)
and `rocm/*`. A reference pinned with a digest (`@sha256:...`) is not reported. Other images
are left to DL3006/DL3007; on these images ML402 owns the finding and DL3006/DL3007 do not
report the same `FROM` (unless they are selected explicitly and ML402 is not).

## Why it matters
The image behind a floating tag changes with every framework release: the torch or
TensorFlow version, the CUDA and cuDNN versions and the Python version all move at once,
so a rebuild can silently switch the CUDA your pinned wheels and extensions were built for.
Every other ML rule (CUDA/wheel compatibility, driver checks) also has nothing exact to
check against.

## Example
```dockerfile
FROM tensorflow/tensorflow:latest-gpu
```

## Use instead
```dockerfile
FROM tensorflow/tensorflow:2.15.0-gpu
# or pinned to the exact image: tensorflow/tensorflow:2.15.0-gpu@sha256:<digest>
```

## Fix safety
No fix is offered: choosing the release to pin is the user's decision.

## References
- Docker documentation, `docker pull`: the `latest` tag is used when no tag is given
- Docker Hub tag lists of pytorch/pytorch and tensorflow/tensorflow (`latest`, `latest-gpu`,
  `nightly`, `nightly-gpu` are moving tags)
- rules/kb/images.json: the image families (sources I1, I3, P1, T7, N1, N3, N14, N20, H1)
)md",
};

bool ml_family(ImageFamily f) {
  switch (f) {
    case ImageFamily::kNvidiaCuda:
    case ImageFamily::kPytorch:
    case ImageFamily::kTensorflow:
    case ImageFamily::kNgcPytorch:
    case ImageFamily::kNgcTensorflow:
    case ImageFamily::kNgcJax:
    case ImageFamily::kNgcTritonserver:
    case ImageFamily::kNgcCudaDlBase:
    case ImageFamily::kRocm:
      return true;
    default:
      return false;
  }
}

class FloatingMlBase final : public Rule {
 public:
  void finish(const FileContext& ctx, Reporter& out) override {
    if (ctx.model == nullptr) return;
    static const RE2 kFloating("(?i)(?:^|[-_.])(?:latest|nightly)(?:$|[-_.])");
    for (const StageModel& stage : ctx.model->stages) {
      if (stage.parent || !stage.base_ref || !ml_family(stage.facts.family)) continue;
      const ImageRef& ref = *stage.base_ref;
      if (!ref.digest.empty()) continue;
      std::string image = ref.familiar();
      std::string msg;
      if (ref.tag.empty()) {
        msg = "`" + stage.base_raw + "` has no tag, so Docker pulls `latest`, which moves with every " +
              "release (framework, CUDA and Python versions change together); pin a versioned tag";
      } else if (RE2::PartialMatch(ref.tag, kFloating)) {
        msg = "`" + image + "` uses the floating tag `" + ref.tag + "`, which moves with every " +
              "release (framework, CUDA and Python versions change together); pin a versioned tag";
      } else {
        continue;
      }
      out.report(stage.base_span, std::move(msg));
    }
  }
};

}  // namespace

RuleEntry ml402_floating_ml_base() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<FloatingMlBase>()); }};
}

}  // namespace dockml::rules
