// ML104 cuda-wheel-mismatch: CUDA-suffixed or CUDA-bound wheels (cupy-cudaXXx,
// nvidia-*-cuNN, onnxruntime-gpu by version, tensorrt-cuNN, mxnet-cuXXX, jax plugins) whose
// CUDA major differs from the image's CUDA or from torch's.
#include <fmt/format.h>

#include "analyzer/engine/rule.h"
#include "rules/compat/compat_util.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "ML104",
    .name = "cuda-wheel-mismatch",
    .severity = Severity::kError,
    .enabled_by_default = true,
    .fix = FixAvailability::kSometimes,
    .summary = "A CUDA-bound wheel is built for another CUDA major than the image or torch",
    .doc = R"md(## What it does
Finds wheels built for one CUDA major: by name (`cupy-cuda11x`, `cupy-cuda12x`,
`nvidia-cublas-cu12`, `tensorrt-cu12-*`, `jax-cuda12-plugin`, `mxnet-cu112`) or by version
(`onnxruntime-gpu` 1.15-1.18 are CUDA 11.8 builds on PyPI, 1.19+ CUDA 12). Reports when that
major differs from the CUDA of the stage's image (base image or a CUDA toolkit installed in
the stage) or, on images without a known CUDA, from the CUDA of the torch the stage installs.
A wheel that matches torch's CUDA is not reported against the image (ML101 reports torch).

## Why it matters
These wheels load CUDA libraries of their own major (`libcudart.so.11.0` for CUDA 11 builds).
On an image with another CUDA major they fail to import or fall back to the CPU
(onnxruntime-gpu 1.19: "Failed to create CUDAExecutionProvider. Require cuDNN 9.* and
CUDA 12.*").

## Example
```dockerfile
FROM nvidia/cuda:12.1.1-runtime-ubuntu22.04
RUN pip install cupy-cuda11x==12.3.0
```

## Use instead
```dockerfile
FROM nvidia/cuda:12.1.1-runtime-ubuntu22.04
RUN pip install cupy-cuda12x==12.3.0
```

## Fix safety
For CuPy (the same versions are published for every CUDA major it supports) and for unpinned
`nvidia-*-cuNN` / `tensorrt-cuNN` wheels, the fix renames the package to the image's CUDA
major; it is unsafe because it changes the installed binaries. For wheels built for a known
CUDA minor (onnxruntime-gpu, mxnet) on an `nvidia/cuda` base, a display-only fix suggests the
base tag of that CUDA.

## References
- CuPy wheel names per CUDA major: cupy/cupy `docs/source/install.rst` (knowledge base
  `wheels.json`, source C1)
- onnxruntime-gpu CUDA/cuDNN per release: microsoft/onnxruntime CUDA execution provider
  documentation (O1, O3); error text: microsoft/onnxruntime#21769 (O4)
- TensorRT pip packages: NVIDIA TensorRT installation guide (R1)
- JAX CUDA plugins: jax-ml/jax `docs/installation.md` (J1)
)md",
};

// The same package for CUDA `major`, when its name encodes the major and the KB knows the
// renamed package: "cupy-cuda11x" -> "cupy-cuda12x", "nvidia-cublas-cu11" -> "...-cu12".
std::string renamed_for(const KnowledgeBase& kb, const PipRequirement& req, int from, int to) {
  const std::string& n = req.name;
  std::string out;
  std::string old_tok, new_tok;
  if (n.starts_with("cupy-cuda")) {
    old_tok = fmt::format("cuda{}x", from);
    new_tok = fmt::format("cuda{}x", to);
  } else if ((n.starts_with("nvidia-") || n.starts_with("tensorrt-")) && !req.exact_version &&
             req.specifier.empty()) {
    old_tok = fmt::format("cu{}", from);
    new_tok = fmt::format("cu{}", to);
  } else {
    return "";
  }
  size_t at = n.rfind(old_tok);
  if (at == std::string::npos) return "";
  out = n.substr(0, at) + new_tok + n.substr(at + old_tok.size());
  auto w = kb.wheel_cuda(out, std::nullopt);
  if (!w || w->cuda_major != to || !w->from.confirmed) return "";
  return out;
}

class CudaWheelMismatch final : public Rule {
 public:
  void finish(const FileContext& ctx, Reporter& out) override {
    if (!ctx.model || !ctx.kb) return;
    for (const StageModel& st : ctx.model->stages) check_stage(ctx, st, out);
  }

 private:
  static void check_stage(const FileContext& ctx, const StageModel& st, Reporter& out) {
    auto cuda = compat::stage_cuda(*ctx.model, st);
    const FrameworkVariant* torch = nullptr;
    for (const FrameworkVariant& f : st.frameworks)
      if ((f.package == "torch" || f.package == "pytorch") && f.cuda)
        torch = &f;
    if (!cuda && !torch) return;
    for (const PythonPackage& p : st.python_packages) {
      if (p.uninstall || p.req.name.empty()) continue;
      std::optional<Version> version;
      if (p.req.exact_version) version = Version::parse(*p.req.exact_version);
      auto w = ctx.kb->wheel_cuda(p.req.name, version);
      if (!w || w->cuda_major <= 0) continue;
      if (p.req.name == "onnxruntime-gpu" && custom_ort_index(p)) continue;
      int major = w->cuda_major;
      bool matches_torch = torch && static_cast<int>(torch->cuda->major()) == major;
      std::string against;
      Provenance against_from;
      int want = 0;
      const compat::StageCuda* label_cuda = nullptr;
      if (cuda && static_cast<int>(cuda->version.major()) != major && !matches_torch) {
        against = cuda->words;
        against_from = cuda->from;
        want = static_cast<int>(cuda->version.major());
        label_cuda = &*cuda;
      } else if (!cuda && torch && !matches_torch) {
        against = fmt::format("{} ships CUDA {} ({})", compat::framework_words(*torch),
                              torch->cuda->truncated(2).str(), compat::variant_origin_words(*torch));
        against_from = torch->from;
        want = static_cast<int>(torch->cuda->major());
      } else {
        continue;
      }
      std::string built = w->cuda ? fmt::format("CUDA {}", w->cuda->str()) : fmt::format("CUDA {}", major);
      std::string message =
          fmt::format("{} is built for {} but {}", compat::package_words(p.req), built, against);
      Diagnostic& d = compat::report_at_package(out, ctx, st, p, p.req.ref, std::move(message), kMeta.severity);
      if (label_cuda) compat::add_cuda_label(d, *label_cuda);
      if (!label_cuda && torch && torch->ref.source)
        d.labels.push_back(Label{torch->ref.source, torch->ref.span,
                                 fmt::format("torch's CUDA {} comes from here", torch->cuda->truncated(2).str())});
      if (!w->note.empty()) d.notes.push_back(w->note);
      compat::Evidence ev;
      ev.add(w->from).add(against_from);
      compat::apply_evidence(d, ev);
      std::string renamed = renamed_for(*ctx.kb, p.req, major, want);
      if (!renamed.empty() && p.req.name_ref.source && d.source == p.req.name_ref.source &&
          ev.confirmed()) {
        d.fix = Fix{Applicability::kUnsafe, fmt::format("Install {} (CUDA {}) instead", renamed, want),
                    {Edit{p.req.name_ref.span, renamed}}};
      } else if (renamed.empty() && label_cuda && w->cuda && d.source == ctx.source) {
        std::string base = compat::suggest_cuda_base(*ctx.model, st, *ctx.kb, *w->cuda);
        if (!base.empty())
          d.fix = Fix{Applicability::kDisplay,
                      fmt::format("Use a base image with CUDA {}: {}", w->cuda->truncated(2).str(), base),
                      {Edit{compat::root_stage(*ctx.model, st).base_span, base}}};
      }
    }
  }

  // onnxruntime-gpu from the separate CUDA 12 / CUDA 13 feeds: the PyPI version table does not apply.
  static bool custom_ort_index(const PythonPackage& p) {
    for (const auto* urls : {&p.options.index_urls, &p.options.extra_index_urls, &p.options.find_links})
      for (const std::string& u : *urls)
        if (u.find("onnxruntime") != std::string::npos || u.find("aiinfra") != std::string::npos) return true;
    return false;
  }
};

}  // namespace

RuleEntry ml104_cuda_wheel_mismatch() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<CudaWheelMismatch>()); }};
}

}  // namespace dockml::rules
