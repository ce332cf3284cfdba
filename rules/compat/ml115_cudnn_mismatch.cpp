// ML115 cudnn-mismatch: a framework that loads the system cuDNN (plain tensorflow, per its
// tested configuration; onnxruntime-gpu by version; JAX local builds) needs a cuDNN major the
// image does not provide, or needs system cuDNN on an nvidia/cuda flavor without it.
#include <fmt/format.h>

#include <cctype>

#include "analyzer/engine/rule.h"
#include "analyzer/image/image_facts.h"
#include "analyzer/model/image_model.h"
#include "rules/compat/compat_util.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "ML115",
    .name = "cudnn-mismatch",
    .severity = Severity::kError,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "Framework needs a cuDNN the image does not provide",
    .doc = R"md(## What it does
Checks packages that load cuDNN from the system instead of bringing it as a pip wheel:
`tensorflow` without the `[and-cuda]` extra (the cuDNN of its tested build configuration),
`onnxruntime-gpu` pinned to a version (cuDNN 8 up to 1.18, cuDNN 9 from 1.19), and JAX builds
that use the local CUDA (`jax[cuda12-local]`, `jaxlib==X+cudaNN.cudnnNN`). It reports when the
image's cuDNN (from the `cudnn`/`cudnnN` tag of nvidia/cuda, the `cudnnN` of pytorch/pytorch,
the NGC release, or an apt `libcudnnN` package the stage installs) has another major version,
or when the base is an nvidia/cuda flavor without cuDNN and the stage installs none. Stages that
install cuDNN wheels (`nvidia-cudnn-cuNN`, or torch's CUDA wheels, which depend on them) are not
judged for onnxruntime-gpu. A cuDNN below JAX's minimum on an image that has cuDNN is ML103's
finding.

## Why it matters
The framework does not fail at install time: TensorFlow logs `Could not load dynamic library
'libcudnn.so.8'` and silently runs on the CPU; onnxruntime fails with `Failed to create
CUDAExecutionProvider. Require cuDNN 9.* and CUDA 12.*`.

## Example
```dockerfile
FROM nvidia/cuda:11.8.0-cudnn8-runtime-ubuntu22.04
RUN pip install onnxruntime-gpu==1.19.2
```

## Use instead
```dockerfile
FROM nvidia/cuda:12.4.1-cudnn-runtime-ubuntu22.04
RUN pip install onnxruntime-gpu==1.19.2
```

## Fix safety
No fix is offered: the base image (cuDNN variant) or the package version has to change.

## References
- TensorFlow tested build configurations (tensorflow.json T1)
- ONNX Runtime CUDA execution provider requirements (wheels.json O1, O3) and
  microsoft/onnxruntime#21769 (wheels.json O4)
- JAX installation guide, cuDNN requirements of the local CUDA builds (jax.json J1)
- cuDNN in the nvidia/cuda `cudnn` images; flavors without cuDNN (images.json I2; cuda.json)
)md",
};

struct ImageCudnn {
  bool known = false;      // the image's cuDNN situation is established
  std::optional<int> major;  // nullopt with known: no cuDNN
  std::string words;       // "cuDNN 9.1.0.70 of the base image ... (line 1)", "no cuDNN (...)"
  Provenance from;
  SourceRef ref;
};

ImageCudnn image_cudnn(const ImageModel& m, const StageModel& st, const KnowledgeBase& kb) {
  ImageCudnn c;
  const StageModel& root = compat::root_stage(m, st);
  std::string image = !root.facts.ref.raw.empty() ? root.facts.ref.raw : root.base;
  uint32_t line = compat::line_of(SourceRef{m.source, root.base_span});
  // apt libcudnnN[-cuda-NN] installed in the stage chain wins.
  for (const StageModel* s = &st; s; s = s->parent && *s->parent < s->index ? &m.stages[*s->parent] : nullptr) {
    for (const SystemPackage& p : s->system_packages) {
      if (!p.name.starts_with("libcudnn") || p.name.size() <= 8) continue;
      char d = p.name[8];
      if (!std::isdigit(static_cast<unsigned char>(d))) continue;
      c.known = true;
      c.major = d - '0';
      c.ref = p.ref;
      if (!c.ref.source) c.ref.source = m.source;
      c.words = fmt::format("the stage installs cuDNN {} (apt {}, line {})", *c.major, p.name, compat::line_of(c.ref));
      return c;
    }
  }
  c.ref = SourceRef{m.source, root.base_span};
  const ImageFacts& f = root.facts;
  if (f.cudnn) {
    c.known = true;
    c.major = static_cast<int>(f.cudnn->value.major());
    c.from = f.cudnn->from;
    c.words = fmt::format("the base image {} (line {}) provides cuDNN {}", image, line, f.cudnn->value.str());
  } else if (f.cudnn_major) {
    c.known = true;
    c.major = f.cudnn_major->value;
    c.from = f.cudnn_major->from;
    c.words = fmt::format("the base image {} (line {}) provides cuDNN {}", image, line, *c.major);
  } else if (f.family == ImageFamily::kNvidiaCuda && !f.flavor.empty()) {
    auto info = kb.cuda_flavor(f.flavor);
    if (info && !info->cudnn) {
      c.known = true;
      c.from = info->from;
      c.words = fmt::format("the base image {} (line {}) has no cuDNN (`{}` flavor)", image, line, f.flavor);
    }
  }
  return c;
}

// The stage installs cuDNN as pip wheels (directly or through torch's CUDA wheels).
bool pip_cudnn(const StageModel& st) {
  for (const PythonPackage& p : st.python_packages)
    if (!p.uninstall && p.req.name.starts_with("nvidia-cudnn")) return true;
  for (const FrameworkVariant& f : st.frameworks)
    if (f.package == "torch" && f.variant.starts_with("cu")) return true;
  return false;
}

class CudnnMismatch final : public Rule {
 public:
  void finish(const FileContext& ctx, Reporter& out) override {
    if (!ctx.model || !ctx.kb) return;
    const ImageModel& m = *ctx.model;
    for (const StageModel& st : m.stages) {
      ImageCudnn img = image_cudnn(m, st, *ctx.kb);
      if (!img.known) continue;
      // TensorFlow without [and-cuda].
      for (const FrameworkVariant& f : st.frameworks) {
        const PythonPackage* pkg = compat::package_of(st, f);
        if (!pkg || !f.version) continue;
        if (f.package == "tensorflow" && f.variant.empty()) {
          auto t = ctx.kb->tf_tested(*f.version);
          if (!t) continue;
          int need = static_cast<int>(t->cudnn.major());
          report(ctx, st, *pkg, img, need,
                 fmt::format("{} ({}) loads the system cuDNN and was built and tested with cuDNN {}",
                             compat::package_words(pkg->req), compat::package_where(*pkg), t->cudnn.str()),
                 t->from, out);
        } else if ((f.package == "jax" || f.package == "jaxlib") && !img.major &&
                   (f.variant.find("local") != std::string::npos || f.origin == "local version label")) {
          JaxFloors floors = ctx.kb->jax_floors(*f.version);
          std::string min = floors.min_cudnn ? fmt::format(" {} or newer", floors.min_cudnn->value.str()) : "";
          report(ctx, st, *pkg, img, 0,
                 fmt::format("{} ({}) uses the system CUDA libraries and needs cuDNN{}",
                             compat::package_words(pkg->req), compat::package_where(*pkg), min),
                 floors.min_cudnn ? floors.min_cudnn->from : f.from, out);
        }
      }
      // onnxruntime-gpu pinned.
      if (pip_cudnn(st)) continue;
      for (const PythonPackage& pkg : st.python_packages) {
        if (pkg.uninstall || pkg.req.name != "onnxruntime-gpu" || !pkg.req.exact_version) continue;
        auto v = Version::parse(*pkg.req.exact_version);
        auto w = v ? ctx.kb->wheel_cuda("onnxruntime-gpu", *v) : std::nullopt;
        if (!w || !w->cudnn) continue;
        report(ctx, st, pkg, img, static_cast<int>(w->cudnn->major()),
               fmt::format("{} ({}) loads the system cuDNN and needs cuDNN {}", compat::package_words(pkg.req),
                           compat::package_where(pkg), w->cudnn->major()),
               w->from, out);
      }
    }
  }

 private:
  void report(const FileContext& ctx, const StageModel& st, const PythonPackage& pkg, const ImageCudnn& img,
              int need, std::string what, const Provenance& need_from, Reporter& out) {
    if (img.major && *img.major == need) return;
    Diagnostic& d = compat::report_at_package(
        out, ctx, st, pkg, pkg.req.ref,
        fmt::format("{}, but {}", what, img.words), kMeta.severity);
    if (img.ref.source)
      d.labels.push_back(Label{img.ref.source, img.ref.span,
                               img.major ? fmt::format("cuDNN {} comes from here", *img.major)
                                         : std::string("no cuDNN in this image")});
    compat::Evidence ev;
    ev.add(need_from).add(img.from);
    compat::apply_evidence(d, ev);
  }
};

}  // namespace

RuleEntry ml115_cudnn_mismatch() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<CudnnMismatch>()); }};
}

}  // namespace dockml::rules
