// ML205 gpu-env-missing: CUDA frameworks on a non-NVIDIA base without the NVIDIA runtime
// variables.
#include <fmt/format.h>

#include "analyzer/engine/rule.h"
#include "rules/gpu/gpu_common.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "ML205",
    .name = "gpu-env-missing",
    .severity = Severity::kInfo,
    .enabled_by_default = true,
    .fix = FixAvailability::kAlways,
    .summary = "CUDA frameworks on a non-NVIDIA base without NVIDIA_VISIBLE_DEVICES / NVIDIA_DRIVER_CAPABILITIES",
    .doc = R"md(## What it does
Reports the final stage's `FROM` when the runtime image installs CUDA builds of torch,
TensorFlow or JAX chosen explicitly (a CUDA wheel index URL, a `+cuXXX` version, `pytorch-cuda`,
`jax[cuda12]`; the PyPI default wheels also serve CPU images and are not counted) on a base image known not to come from NVIDIA (python, ubuntu, debian) and no
`ENV` of the runtime image sets `NVIDIA_VISIBLE_DEVICES` or `NVIDIA_DRIVER_CAPABILITIES`.

## Why it matters
`docker run --gpus` and the NVIDIA device plugin set these variables themselves, so the image
works there. The legacy `nvidia` runtime (`runtime: nvidia` in compose v2, older Kubernetes
and Swarm set-ups, some batch schedulers) only exposes GPUs and driver libraries to images that
carry them, as the `nvidia/cuda` images do: the same image then sees no GPU.

## Example
```dockerfile
FROM python:3.11-slim
RUN pip install torch==2.1.0 --index-url https://download.pytorch.org/whl/cu118
```

## Use instead
```dockerfile
FROM python:3.11-slim
ENV NVIDIA_VISIBLE_DEVICES=all NVIDIA_DRIVER_CAPABILITIES=compute,utility
RUN pip install torch==2.1.0 --index-url https://download.pytorch.org/whl/cu118
```

## Fix safety
Unsafe: adds `ENV NVIDIA_VISIBLE_DEVICES=all NVIDIA_DRIVER_CAPABILITIES=compute,utility` after
the `FROM`, which changes what the legacy runtime exposes to containers of the image.

## References
- NVIDIA Container Toolkit, environment variables: https://docs.nvidia.com/datacenter/cloud-native/container-toolkit/latest/docker-specialized.html
- nvidia/cuda base image Dockerfiles (set both variables): https://gitlab.com/nvidia/container-images/cuda
)md",
};

bool non_nvidia_family(ImageFamily f) {
  return f == ImageFamily::kPython || f == ImageFamily::kUbuntu || f == ImageFamily::kDebian;
}

class GpuEnvMissing final : public Rule {
 public:
  void finish(const FileContext& ctx, Reporter& out) override {
    if (ctx.kind != FileKind::kDockerfile || !ctx.model || !ctx.dockerfile || !ctx.model->final_stage) return;
    const ImageModel& model = *ctx.model;
    const StageModel& final_stage = model.stages[*model.final_stage];
    if (!non_nvidia_family(final_stage.facts.family)) return;
    // Only CUDA builds chosen on purpose (index URL, +cuXXX label, pytorch-cuda, jax[cuda]):
    // the PyPI default torch / tensorflow wheels carry CUDA on Linux but also serve CPU images.
    std::string evidence;
    for (size_t s : gpu::runtime_chain(model))
      for (const FrameworkVariant& fw : model.stages[s].frameworks)
        if (fw.cuda && evidence.empty() && fw.origin != "PyPI default" &&
            fw.origin != "tested build configuration")
          evidence = fmt::format("{}{} is a CUDA {} build ({})", fw.package,
                                 fw.version ? " " + fw.version->str() : std::string(), fw.cuda->str(),
                                 fw.origin);
    if (evidence.empty()) return;
    for (const gpu::ImageEnv& e : gpu::runtime_env(ctx))
      if (e.name == "NVIDIA_VISIBLE_DEVICES" || e.name == "NVIDIA_DRIVER_CAPABILITIES") return;
    // The FROM of the stage that starts the chain on the external base.
    std::vector<size_t> chain = gpu::runtime_chain(model);
    const StageModel& root = model.stages[chain.back()];
    const Instruction& from = ctx.dockerfile->instructions[root.from_instruction];
    Diagnostic& d = out.report(
        root.base_span,
        fmt::format("{} is not an NVIDIA image and the image sets neither NVIDIA_VISIBLE_DEVICES "
                    "nor NVIDIA_DRIVER_CAPABILITIES although it runs CUDA ({}): fine with --gpus "
                    "and the device plugin, but the legacy nvidia runtime exposes no GPU to it",
                    root.base.empty() ? root.base_raw : root.base, evidence));
    const SourceFile& src = *ctx.source;
    uint32_t at = from.end_line + 1 < src.line_count() ? src.line_start(from.end_line + 1)
                                                       : static_cast<uint32_t>(src.text().size());
    std::string text = "ENV NVIDIA_VISIBLE_DEVICES=all NVIDIA_DRIVER_CAPABILITIES=compute,utility\n";
    if (at == src.text().size() && !src.ends_with_newline()) text = "\n" + text;
    d.fix = Fix{Applicability::kUnsafe, "Add ENV NVIDIA_VISIBLE_DEVICES and NVIDIA_DRIVER_CAPABILITIES",
                {{Span{at, at}, std::move(text)}}};
  }
};

}  // namespace

RuleEntry ml205_gpu_env_missing() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<GpuEnvMissing>()); }};
}

}  // namespace dockml::rules
