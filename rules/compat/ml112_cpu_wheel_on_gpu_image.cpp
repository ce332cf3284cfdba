// ML112 cpu-wheel-on-gpu-image: CPU builds of torch / TensorFlow installed on a CUDA image.
#include <fmt/format.h>

#include "analyzer/engine/rule.h"
#include "rules/compat/compat_util.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "ML112",
    .name = "cpu-wheel-on-gpu-image",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "A CPU-only torch or TensorFlow build is installed on a CUDA image",
    .doc = R"md(## What it does
Reports CPU-only framework builds installed in a stage whose image provides CUDA (a CUDA
base image, or a CUDA toolkit installed in the stage): torch from the `whl/cpu` index,
pinned `+cpu` or installed with uv's `--torch-backend=cpu` / `UV_TORCH_BACKEND=cpu`, conda's `pytorch` with a `cpu` build string or the `cpuonly` package, and
`tensorflow-cpu`. Each stage is judged on its own base.

## Why it matters
The CPU build never uses the GPU: `torch.cuda.is_available()` is `False` and training runs on
the CPU, while the image still carries gigabytes of CUDA libraries. Usually the index URL or
package name was copied from a CPU Dockerfile.

## Example
```dockerfile
FROM nvidia/cuda:12.1.1-runtime-ubuntu22.04
RUN pip install torch==2.3.1 --index-url https://download.pytorch.org/whl/cpu
```

## Use instead
```dockerfile
FROM nvidia/cuda:12.1.1-runtime-ubuntu22.04
RUN pip install torch==2.3.1 --index-url https://download.pytorch.org/whl/cu121
```
or a CPU base image (`python:3.11-slim`) when the image is meant for CPUs.

## Fix safety
No fix is offered: whether the image is meant for GPUs or CPUs is the author's call.

## References
- PyTorch CPU wheels (`whl/cpu`, `+cpu`): pytorch/pytorch.github.io
  `_get_started/previous-versions.md` (knowledge base `pytorch.json`, S1)
- `tensorflow-cpu`: tensorflow/docs `site/en/install/pip.md` (knowledge base `tensorflow.json`, T2)
)md",
};

class CpuWheelOnGpuImage final : public Rule {
 public:
  void finish(const FileContext& ctx, Reporter& out) override {
    if (!ctx.model || !ctx.kb) return;
    for (const StageModel& st : ctx.model->stages) {
      auto cuda = compat::stage_cuda(*ctx.model, st);
      if (!cuda) continue;
      for (const FrameworkVariant& f : st.frameworks) {
        if (f.variant != "cpu" || (f.package != "torch" && f.package != "pytorch")) continue;
        if (!compat::variant_named_in_dockerfile(f)) continue;
        std::string words = fmt::format("{} is the CPU-only build ({})", compat::framework_words(f),
                                        compat::variant_origin_words(f));
        report(ctx, st, f.ref, compat::package_of(st, f), *cuda, std::move(words), out);
      }
      for (const PythonPackage& p : st.python_packages) {
        if (p.uninstall || p.req.name != "tensorflow-cpu") continue;
        std::string words = fmt::format("{} is the CPU-only TensorFlow package", compat::package_words(p.req));
        report(ctx, st, p.req.ref, &p, *cuda, std::move(words), out);
      }
      for (const CondaPackageUse& u : st.conda_packages) {
        if (u.pkg.name != "cpuonly") continue;
        if (st.framework("pytorch") == nullptr) continue;
        report(ctx, st, u.pkg.ref, nullptr, *cuda,
               "conda's cpuonly package selects the CPU-only pytorch build", out);
      }
    }
  }

 private:
  static void report(const FileContext& ctx, const StageModel& st, const SourceRef& ref,
                     const PythonPackage* pkg, const compat::StageCuda& cuda, std::string words,
                     Reporter& out) {
    std::string message = fmt::format("{} but {}: the GPU is not used", words, cuda.words);
    Diagnostic* d = nullptr;
    if (pkg) {
      d = &compat::report_at_package(out, ctx, st, *pkg, ref, std::move(message), kMeta.severity);
    } else {
      d = &out.report_in(ref.source ? ref.source : ctx.source, ref.span, std::move(message));
    }
    compat::add_cuda_label(*d, cuda);
    compat::Evidence ev;
    ev.add(cuda.from);
    compat::apply_evidence(*d, ev);
  }
};

}  // namespace

RuleEntry ml112_cpu_wheel_on_gpu_image() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<CpuWheelOnGpuImage>()); }};
}

}  // namespace dockml::rules
