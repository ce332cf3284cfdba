// ML202 visible-devices-baked: the image fixes which GPUs a container sees.
#include <fmt/format.h>

#include "analyzer/engine/rule.h"
#include "rules/gpu/gpu_common.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "ML202",
    .name = "visible-devices-baked",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kAlways,
    .summary = "CUDA_VISIBLE_DEVICES or a specific NVIDIA_VISIBLE_DEVICES baked into the image",
    .doc = R"md(## What it does
In an image that runs CUDA (a CUDA base image or CUDA builds of torch / TensorFlow / JAX),
reports an `ENV` of the runtime image (final stage and the stages it is built `FROM`) that sets
`CUDA_VISIBLE_DEVICES` (any value), or `NVIDIA_VISIBLE_DEVICES` to specific device indices or
UUIDs, `none` or `void`. `NVIDIA_VISIBLE_DEVICES=all` (what the NVIDIA base images set) is fine, and so are images
without CUDA (device plugins and installers set `NVIDIA_VISIBLE_DEVICES=void` on purpose).

## Why it matters
Which GPUs a container gets is decided when it runs (`docker run --gpus`, compose device
requests, the Kubernetes device plugin). A value baked into the image fights that decision:
`CUDA_VISIBLE_DEVICES=0` hides every GPU but the first of those assigned (and hides all of them
when the assigned GPU is not index 0 inside the container, or with `CUDA_VISIBLE_DEVICES=all`,
which CUDA does not understand); `NVIDIA_VISIBLE_DEVICES=none`/`void` or fixed indices make the
legacy `nvidia` runtime expose no or the wrong GPUs.

## Example
```dockerfile
FROM pytorch/pytorch:2.1.0-cuda11.8-cudnn8-runtime
ENV CUDA_VISIBLE_DEVICES=0
```

## Use instead
```dockerfile
FROM pytorch/pytorch:2.1.0-cuda11.8-cudnn8-runtime
# choose GPUs at run time: docker run --gpus '"device=0"' ... / -e CUDA_VISIBLE_DEVICES=0
```

## Fix safety
Removes the variable. Safe only for `NVIDIA_VISIBLE_DEVICES=void` on a base image known not to
set the variable (python, ubuntu, debian, scratch): unset behaves exactly like `void`. Unsafe
everywhere else, since the container then sees every GPU it is given.

## References
- NVIDIA Container Toolkit, GPU enumeration: https://docs.nvidia.com/datacenter/cloud-native/container-toolkit/latest/docker-specialized.html#gpu-enumeration
- CUDA environment variables: https://docs.nvidia.com/cuda/cuda-c-programming-guide/index.html#env-vars
)md",
};

bool base_sets_no_visible_devices(const ImageModel& model, size_t stage) {
  const StageModel& st = model.stages[stage];
  switch (st.facts.family) {
    case ImageFamily::kPython:
    case ImageFamily::kUbuntu:
    case ImageFamily::kDebian:
    case ImageFamily::kScratch:
      return true;
    default:
      return false;
  }
}

class VisibleDevicesBaked final : public Rule {
 public:
  void finish(const FileContext& ctx, Reporter& out) override {
    if (ctx.kind != FileKind::kDockerfile || !ctx.model || !ctx.dockerfile) return;
    // Images that run no CUDA (device plugins, installers, CPU images hiding GPUs on purpose)
    // may opt out of GPUs: only CUDA images are judged.
    if (!gpu::runtime_image(*ctx.model).cuda) return;
    std::vector<gpu::ImageEnv> env = gpu::runtime_env(ctx);
    for (const gpu::ImageEnv& e : env) {
      std::string message;
      bool safe = false;
      if (e.name == "CUDA_VISIBLE_DEVICES") {
        message = fmt::format(
            "CUDA_VISIBLE_DEVICES={} ({}) is baked into the image: every container then sees only "
            "those of its assigned GPUs{}; choose GPUs when the container runs (--gpus, compose "
            "device_ids, -e CUDA_VISIBLE_DEVICES)",
            e.known ? e.value : e.value + " (partly unknown)", e.where,
            e.value == "all" ? " (CUDA does not understand `all`: no GPU is visible)" : "");
      } else if (e.name == "NVIDIA_VISIBLE_DEVICES" && e.known && !e.value.empty() && e.value != "all") {
        bool hides = e.value == "none" || e.value == "void";
        message = fmt::format(
            "NVIDIA_VISIBLE_DEVICES={} ({}) is baked into the image: the legacy nvidia runtime {}; "
            "leave it to --gpus, compose device requests or the Kubernetes device plugin",
            e.value, e.where,
            hides ? "exposes no GPU to containers of this image"
                  : "exposes only those devices whatever the container was given");
        // Unset behaves like `void` when no earlier ENV and no base image set the variable.
        safe = e.value == "void" && base_sets_no_visible_devices(*ctx.model, e.stage);
        for (const gpu::ImageEnv& prior : env)
          if (prior.name == e.name && prior.instruction < e.instruction) safe = false;
      } else {
        continue;
      }
      Diagnostic& d = out.report(e.pair_span, std::move(message));
      const Instruction& inst = ctx.dockerfile->instructions[e.instruction];
      d.fix = Fix{safe ? Applicability::kSafe : Applicability::kUnsafe,
                  fmt::format("Remove {} from the image", e.name),
                  {gpu::remove_env_pair(*ctx.source, inst, e.pair)}};
    }
  }
};

}  // namespace

RuleEntry ml202_visible_devices_baked() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<VisibleDevicesBaked>()); }};
}

}  // namespace dockml::rules
