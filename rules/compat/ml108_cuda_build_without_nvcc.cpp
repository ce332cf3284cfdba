// ML108 cuda-build-without-nvcc: a stage compiles CUDA code (the image model's CudaBuild list:
// source builds of flash-attn/apex/DeepSpeed ops/..., nvcc calls, TORCH_CUDA_ARCH_LIST with
// setup.py or `pip install .`) on a base image without a CUDA compiler (nvidia/cuda base and
// runtime flavors, pytorch/pytorch *-runtime, python:*), and installs none.
#include <fmt/format.h>

#include "analyzer/engine/rule.h"
#include "analyzer/image/image_facts.h"
#include "analyzer/model/image_model.h"
#include "rules/compat/compat_util.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "ML108",
    .name = "cuda-build-without-nvcc",
    .severity = Severity::kError,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "CUDA code compiled on an image without nvcc",
    .doc = R"md(## What it does
Finds stages that compile CUDA code and whose base image has no CUDA compiler. A stage
compiles CUDA code when it runs `nvcc`, builds a package known to compile CUDA kernels
(`pip install flash-attn`, which PyPI ships only as source; source, VCS or
`--no-build-isolation` installs of apex, xformers, DeepSpeed, mamba-ssm, causal-conv1d,
auto-gptq, vLLM, bitsandbytes; DeepSpeed with `DS_BUILD_OPS=1`), or builds a local package
with `setup.py` or `pip install .` while `TORCH_CUDA_ARCH_LIST` is set. Images without nvcc:
the `base` and `runtime` (also `cudnn-runtime`) flavors of `nvidia/cuda`,
`pytorch/pytorch:*-runtime`, and `python:*`. A stage that installs a toolkit or CUDA development packages (apt
`cuda-toolkit-X-Y`/`cuda-nvcc-X-Y`/`nvidia-cuda-toolkit`/`cuda-minimal-build-X-Y`/
`cuda-command-line-tools-X-Y`/`cuda-*-dev-X-Y`, conda `cuda-nvcc`/`cuda-toolkit`, pip
`nvidia-cuda-nvcc-*`, a CUDA runfile) or copies `/usr/local/cuda` from another stage is not
reported. The list of packages lives in the knowledge base (`wheels.json`, `addons`).

## Why it matters
The build stops with `nvcc was not found`, `CUDA_HOME environment variable is not set` or
`CUDA was not found on the system` (torch.utils.cpp_extension), often after a long dependency
install.

## Example
```dockerfile
FROM pytorch/pytorch:2.3.1-cuda12.1-cudnn8-runtime
RUN pip install flash-attn --no-build-isolation
```

## Use instead
```dockerfile
FROM pytorch/pytorch:2.3.1-cuda12.1-cudnn8-devel AS build
RUN pip wheel --no-deps --no-build-isolation -w /wheels flash-attn

FROM pytorch/pytorch:2.3.1-cuda12.1-cudnn8-runtime
COPY --from=build /wheels /wheels
RUN pip install /wheels/*.whl
```

## Fix safety
No fix is offered: switching to a `devel` image makes the image several gigabytes larger; a
multi-stage build (compile in `devel`, copy the wheels into `runtime`) is usually better.

## References
- NVIDIA container images: `base`/`runtime` have no nvcc, `devel` adds the compiler
  (container wiki, images.json I5; Dockerfiles, images.json I2)
- pytorch/pytorch `runtime` tags build on a plain OS image (images.json P3)
- flash-attn README: building needs nvcc (wheels.json F1); flash-attention#447 and #2211
  (wheels.json X3, X5)
- torch.utils.cpp_extension `CUDA_NOT_FOUND_MESSAGE` (../shared/knowledge/failures.md X1)
- python:* images contain no CUDA (python.json Y7)
)md",
};

bool toolkit_package(std::string_view n) {
  // Meta packages whose exact contents (nvcc or not) dockml does not record count as "maybe".
  return n == "cuda" || n == "cuda-toolkit" || n == "nvidia-cuda-toolkit" || n.starts_with("cuda-nvcc") ||
         n.starts_with("cuda-compiler") || n.starts_with("cuda-toolkit-") || n.starts_with("cuda-libraries-dev") ||
         n.starts_with("cuda-minimal-build") || n.starts_with("cuda-command-line-tools") ||
         (n.starts_with("cuda-") && n.find("-dev") != std::string_view::npos);
}

// Something in the stage (or its FROM-stage ancestors) may put nvcc into the image that the
// model does not record as a toolkit install.
bool nvcc_maybe_installed(const ImageModel& m, const StageModel& leaf) {
  for (const StageModel* st = &leaf; st;
       st = st->parent && *st->parent < st->index ? &m.stages[*st->parent] : nullptr) {
    if (st->nvcc_installed) return true;
    for (const SystemPackage& p : st->system_packages)
      if (toolkit_package(p.name)) return true;
    for (const PythonPackage& p : st->python_packages)
      if (p.req.name.starts_with("nvidia-cuda-nvcc")) return true;
    for (const CondaPackageUse& p : st->conda_packages)
      if (p.pkg.name == "cuda-nvcc" || p.pkg.name == "cuda-toolkit" || p.pkg.name == "cuda" ||
          p.pkg.name == "cuda-compiler")
        return true;
    for (const CopyEdge& c : st->copies)
      for (const std::string& s : c.sources)
        if (s.find("/usr/local/cuda") != std::string::npos || s.find("nvcc") != std::string::npos) return true;
    for (size_t i : st->runs) {
      const RunAnalysis* run = m.run_at(i);
      if (!run) continue;
      for (const shell::ShellCommand& c : run->script.commands)
        for (const shell::ShellWord& w : c.argv)
          if ((w.value.find("cuda_") != std::string::npos && w.value.find(".run") != std::string::npos) ||
              w.value.find("cuda-installer") != std::string::npos)
            return true;
    }
  }
  return false;
}

// "nvidia/cuda:12.1.1-devel-ubuntu22.04" for a runtime/base tag, "" when no devel form is known.
std::string devel_tag(const ImageFacts& f) {
  const std::string& raw = f.ref.raw;
  if (f.family == ImageFamily::kNvidiaCuda || f.family == ImageFamily::kPytorch) {
    for (std::string_view from : {"-runtime", "-base"}) {
      size_t at = raw.rfind(from);
      if (at != std::string::npos && at > raw.find(':'))
        return raw.substr(0, at) + "-devel" + raw.substr(at + from.size());
    }
  }
  return {};
}

class CudaBuildWithoutNvcc final : public Rule {
 public:
  void finish(const FileContext& ctx, Reporter& out) override {
    if (!ctx.model || !ctx.kb) return;
    const ImageModel& m = *ctx.model;
    for (const StageModel& st : m.stages) {
      if (!st.compiles_cuda()) continue;
      const StageModel& root = compat::root_stage(m, st);
      std::optional<Fact<bool>> nvcc = st.nvcc;
      std::string why;
      if (nvcc && !nvcc->value) {
        why = st.facts.flavor.empty() ? "has no CUDA compiler"
                                      : fmt::format("has no CUDA compiler (`{}` flavor)", st.facts.flavor);
      } else if (!nvcc && st.facts.family == ImageFamily::kPython) {
        auto f = ctx.kb->file_fact("python", "no_cuda_in_python_images");
        if (!f || f->value != "true") continue;
        nvcc = Fact<bool>{false, f->from};
        why = "ships no CUDA toolkit (python:* images contain no CUDA)";
      } else {
        continue;
      }
      if (nvcc_maybe_installed(m, st)) continue;
      std::string image = root.facts.ref.raw.empty() ? root.base : root.facts.ref.raw;
      uint32_t line = compat::line_of(SourceRef{m.source, root.base_span});
      std::string suggestion = devel_tag(root.facts);
      for (const CudaBuild& b : st.cuda_builds) {
        SourcePtr src = b.ref.source ? b.ref.source : ctx.source;
        Diagnostic& d = out.report_in(
            src, b.ref.span,
            fmt::format("{}: this compiles CUDA code and needs nvcc, but the base image {} (line {}) {}",
                        b.reason, image, line, why));
        d.labels.push_back(Label{m.source, root.base_span, "no nvcc in this image"});
        for (const PythonPackage& p : st.python_packages)
          if (p.req.ref.source == b.ref.source && p.req.ref.span == b.ref.span) {
            compat::add_install_label(d, ctx, st, p);
            break;
          }
        if (!suggestion.empty())
          d.notes.push_back(fmt::format("build in a stage FROM {} and COPY the results into this one, "
                                        "or use {} here", suggestion, suggestion));
        else
          d.notes.push_back("build in a stage based on a CUDA `devel` image and COPY the wheels "
                            "into this one, or install a prebuilt wheel");
        compat::Evidence ev;
        ev.add(nvcc->from).add(b.from);
        compat::apply_evidence(d, ev);
      }
    }
  }
};

}  // namespace

RuleEntry ml108_cuda_build_without_nvcc() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<CudaBuildWithoutNvcc>()); }};
}

}  // namespace dockml::rules
