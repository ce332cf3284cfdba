// ML305 redundant-cuda-libs: pip torch / nvidia-* wheels bring their own CUDA libraries on an
// nvidia/cuda runtime base whose system CUDA libraries nothing else in the image uses.
#include <optional>
#include <string>
#include <string_view>

#include <re2/re2.h>

#include "analyzer/engine/rule.h"
#include "analyzer/model/image_model.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "ML305",
    .name = "redundant-cuda-libs",
    .severity = Severity::kInfo,
    .enabled_by_default = true,
    .fix = FixAvailability::kSometimes,
    .summary = "pip CUDA wheels (torch, nvidia-*) bring their own CUDA libraries; the runtime base's CUDA libraries go unused",
    .doc = R"md(## What it does
Reports the base image of the final stage when it is an `nvidia/cuda` runtime image
(`runtime`, `cudnn-runtime`, `cudnn8-runtime`: flavors with the CUDA libraries) and the image
gets its CUDA from pip wheels (torch built for CUDA, from PyPI or a download.pytorch.org
variant index, or `nvidia-*` library wheels such as `nvidia-cudnn-cu12`), while nothing else
uses the system CUDA: no CUDA compilation or package that needs nvcc, no system CUDA
packages (`cuda-*`, `libcudnn*`, `libnccl*`, `libnvinfer*`, `tensorrt`), no TensorFlow or JAX,
no other CUDA-bound wheel known to the knowledge base (CuPy, onnxruntime-gpu, TensorRT, ...).
`devel` final stages that compile nothing are ML303's finding.

## Why it matters
PyTorch's CUDA wheels ship the CUDA runtime, cuBLAS, cuDNN, NCCL and friends (bundled or
as `nvidia-*` dependency wheels) and load those, not the system copies. The runtime image's
own CUDA libraries are then a second copy of several gigabytes. The `base` flavor keeps
only the CUDA runtime essentials (and the driver capability setup), which is all these
wheels need.

## Example
```dockerfile
FROM nvidia/cuda:12.1.1-cudnn8-runtime-ubuntu22.04
RUN pip install --no-cache-dir torch==2.3.1
```

## Use instead
```dockerfile
FROM nvidia/cuda:12.1.1-base-ubuntu22.04
RUN pip install --no-cache-dir torch==2.3.1
```

## Fix safety
An unsafe fix rewrites the flavor in a literally written tag to `base` when the knowledge
base knows that tag: it removes libraries from the image, which breaks anything that loads
them that the model cannot see (ctypes loads, binaries copied in).

## References
- NVIDIA, nvidia/cuda image flavors (base: minimal CUDA runtime; runtime: + CUDA math
  libraries and NCCL; cudnn: + cuDNN): https://hub.docker.com/r/nvidia/cuda
- PyTorch, Get started / pip wheels ship their CUDA dependencies (nvidia-* wheels since 2.0)
- rules/kb/cuda.json (flavors), rules/kb/wheels.json (CUDA-bound wheels)
)md",
};

bool system_cuda_package(std::string_view name) {
  static const RE2 kSys("(?i)^(?:cuda-|libcudnn|libnccl|libnvinfer|libnvonnxparser|libcublas|libcufft|libcurand|"
                        "libcusparse|libcusolver|libnpp|tensorrt|libcutensor|nvidia-cuda)");
  return RE2::PartialMatch(name, kSys);
}

class RedundantCudaLibs final : public Rule {
 public:
  void finish(const FileContext& ctx, Reporter& out) override {
    if (ctx.model == nullptr || ctx.kb == nullptr || !ctx.model->final_stage) return;
    const ImageModel& m = *ctx.model;
    const StageModel& fin = m.stages[*m.final_stage];
    const ImageFacts& f = fin.facts;
    if (f.family != ImageFamily::kNvidiaCuda || f.flavor.find("runtime") == std::string::npos) return;
    std::optional<FlavorInfo> flavor = ctx.kb->cuda_flavor(f.flavor);
    if (!flavor || !flavor->cuda_libraries) return;
    const StageModel* root = &fin;
    const FrameworkVariant* wheel = nullptr;
    const PythonPackage* nvidia = nullptr;
    for (const StageModel* s = &fin; s != nullptr; s = s->parent ? &m.stages[*s->parent] : nullptr) {
      root = s;
      if (uses_system_cuda(ctx, *s)) return;
      for (const FrameworkVariant& v : s->frameworks) {
        if (v.package == "tensorflow" || v.package == "jax" || v.package == "jaxlib") return;
        if (v.package == "torch" && v.variant.starts_with("cu") && v.package_index >= 0 && wheel == nullptr) wheel = &v;
      }
      for (const PythonPackage& p : s->python_packages)
        if (!p.uninstall && p.req.name.starts_with("nvidia-") && ctx.kb->wheel_cuda(p.req.name, std::nullopt) && nvidia == nullptr)
          nvidia = &p;
    }
    if ((wheel == nullptr && nvidia == nullptr) || !root->base_ref || !root->base_exact) return;
    std::string what = wheel != nullptr
                           ? "torch" + (wheel->version ? " " + wheel->version->str() : std::string()) + " (" +
                                 wheel->variant + " wheels, " + wheel->origin + ")"
                           : "`" + nvidia->req.raw + "`";
    std::string image = root->base_ref->familiar();
    std::string base_tag = base_flavor_tag(root->base_ref->tag);
    Diagnostic& d = out.report(root->base_span,
                               what + " brings its own CUDA libraries, and nothing else in the image uses the CUDA " +
                                   "libraries of " + image + "; the `base` flavor" +
                                   (base_tag.empty() ? std::string() : " (" + base_tag + ")") + " is gigabytes smaller");
    const SourceRef& r = wheel != nullptr ? wheel->ref : nvidia->req.ref;
    if (r.source) d.labels.push_back({r.source, r.span, "ships its own CUDA libraries"});
    const std::string& raw = root->base_raw;
    re2::StringPiece piece;
    if (!base_tag.empty() && raw.find('$') == std::string::npos && root->base_span.size() == raw.size() &&
        RE2::PartialMatch(raw, flavor_re(), &piece) &&
        ctx.kb->nvidia_cuda_tag_check(base_tag).status == TagStatus::kValid) {
      uint32_t b = root->base_span.begin + static_cast<uint32_t>(piece.data() - raw.data());
      d.fix = Fix{Applicability::kUnsafe, "Use the base flavor (" + base_tag + ")",
                  {Edit{Span{b, b + static_cast<uint32_t>(piece.size())}, "base"}}};
    }
  }

 private:
  // The flavor part of a tag: "cudnn8-runtime" of "12.1.1-cudnn8-runtime-ubuntu22.04".
  static const RE2& flavor_re() {
    static const RE2 re("((?:cudnn\\d*-)?runtime)");
    return re;
  }
  static std::string base_flavor_tag(std::string tag) {
    return RE2::Replace(&tag, flavor_re(), "base") ? tag : "";
  }

  static bool uses_system_cuda(const FileContext& ctx, const StageModel& s) {
    if (s.compiles_cuda() || s.nvcc_installed) return true;
    for (const SystemPackage& p : s.system_packages)
      if (system_cuda_package(p.name)) return true;
    for (const PythonPackage& p : s.python_packages) {
      if (p.uninstall) continue;
      if (std::optional<AddonFacts> a = ctx.kb->addon(p.req.name); a && a->needs_nvcc) return true;
      if (!p.req.name.starts_with("nvidia-") && ctx.kb->wheel_cuda(p.req.name, std::nullopt)) return true;
      // CUDA-bound wheels whose KB rows are per version (wheel_cuda needs the version) or that
      // load the system CUDA by design.
      static const RE2 kGpuWheel("^(?:onnxruntime-gpu|tensorrt|paddlepaddle-gpu|cupy|pycuda|mxnet-cu|tensorflow|jax)");
      if (RE2::PartialMatch(p.req.name, kGpuWheel)) return true;
    }
    for (const CondaPackageUse& c : s.conda_packages)
      if (c.pkg.name.find("cuda") != std::string::npos || c.pkg.name == "cudnn" || c.pkg.name == "nccl") return true;
    return false;
  }
};

}  // namespace

RuleEntry ml305_redundant_cuda_libs() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<RedundantCudaLibs>()); }};
}

}  // namespace dockml::rules
