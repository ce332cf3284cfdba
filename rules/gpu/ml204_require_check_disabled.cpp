// ML204 require-check-disabled: the runtime's CUDA driver requirement check is turned off or
// weakened.
#include <fmt/format.h>
#include <re2/re2.h>

#include "analyzer/engine/rule.h"
#include "rules/gpu/gpu_common.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "ML204",
    .name = "require-check-disabled",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "NVIDIA_DISABLE_REQUIRE set, or NVIDIA_REQUIRE_CUDA weaker than the image's CUDA",
    .doc = R"md(## What it does
Reports `NVIDIA_DISABLE_REQUIRE` set to a true value (`1`, `true`, ...) in the `ENV` of an image
that runs CUDA, a compose service's `environment` or a Kubernetes container's `env` (when the
service's image is known to run CUDA; device plugins and installers without CUDA set it on
purpose), and an `ENV
NVIDIA_REQUIRE_CUDA` that asks for less than the CUDA the base image provides (an empty value,
no `cuda>=` constraint, or a lower version).

## Why it matters
The NVIDIA base images set `NVIDIA_REQUIRE_CUDA=cuda>=X.Y` so that the container runtime refuses
to start the container on a host whose driver is too old for the image's CUDA, with a clear
message ("unsatisfied condition: cuda>=12.1"). Turned off, the container starts and fails later
inside the application ("CUDA driver version is insufficient for CUDA runtime version"), or
silently falls back to the CPU.

## Example
```dockerfile
FROM nvidia/cuda:12.1.1-runtime-ubuntu22.04
ENV NVIDIA_DISABLE_REQUIRE=1
```

## Use instead
```dockerfile
FROM nvidia/cuda:12.1.1-runtime-ubuntu22.04
# keep the driver check; on older drivers use CUDA forward compatibility (cuda-compat) or an
# image whose CUDA the fleet's driver supports
```

## Fix safety
No fix: whether the fleet's drivers satisfy the image's CUDA is for the user to decide.

## References
- NVIDIA Container Toolkit, constraints: https://docs.nvidia.com/datacenter/cloud-native/container-toolkit/latest/docker-specialized.html#constraints
- CUDA compatibility: https://docs.nvidia.com/deploy/cuda-compatibility/
)md",
};

constexpr std::string_view kDisableWhy =
    "the NVIDIA runtime then starts the container even when the host driver is too old for the "
    "image's CUDA, which fails later with \"CUDA driver version is insufficient\"";

// The weakest `cuda>=X.Y` of a requirement ("" when none).
std::optional<Version> required_cuda(std::string_view value) {
  static const RE2 re("cuda\\s*>=\\s*([0-9]+(?:\\.[0-9]+)*)");
  re2::StringPiece input(value.data(), value.size());
  std::string v;
  std::optional<Version> lowest;
  while (RE2::FindAndConsume(&input, re, &v)) {
    std::optional<Version> parsed = Version::parse(v);
    if (parsed && (!lowest || *parsed < *lowest)) lowest = parsed;
  }
  return lowest;
}

class RequireCheckDisabled final : public Rule {
 public:
  void finish(const FileContext& ctx, Reporter& out) override {
    if (ctx.kind == FileKind::kDockerfile && ctx.model) check_dockerfile(ctx, out);
    if (!ctx.compose) return;
    for (const gpu::WorkloadEnv& w : gpu::workload_env(*ctx.compose)) {
      const EnvVar& v = *w.var;
      if (v.name != "NVIDIA_DISABLE_REQUIRE" || !v.has_value || !gpu::truthy(v.value) || !w.image->cuda) continue;
      out.report(v.value_span, fmt::format("{} in {} sets NVIDIA_DISABLE_REQUIRE={} for {}: {}",
                                           w.owner, gpu::file_name(ctx), v.value, w.image->label, kDisableWhy));
    }
  }

 private:
  static void check_dockerfile(const FileContext& ctx, Reporter& out) {
    WorkloadImage image = gpu::runtime_image(*ctx.model);
    for (const gpu::ImageEnv& e : gpu::runtime_env(ctx)) {
      if (!e.known) continue;
      if (e.name == "NVIDIA_DISABLE_REQUIRE" && gpu::truthy(e.value)) {
        if (!image.cuda) continue;  // no CUDA in the image: nothing for the check to protect
        out.report(e.value_span, fmt::format("NVIDIA_DISABLE_REQUIRE={} ({}): {}", e.value, e.where, kDisableWhy));
        continue;
      }
      if (e.name != "NVIDIA_REQUIRE_CUDA" || !image.base_cuda) continue;
      Version base = image.base_cuda->truncated(2);
      std::optional<Version> wanted = required_cuda(e.value);
      if (wanted && *wanted >= base) continue;
      std::string what = wanted ? fmt::format("asks only for cuda>={}", wanted->str())
                                : std::string(e.value.empty() ? "is empty" : "has no cuda>= constraint");
      out.report(e.value_span,
                 fmt::format("NVIDIA_REQUIRE_CUDA ({}) {} but the base image provides CUDA {}: the "
                             "NVIDIA runtime then starts the container on drivers too old for CUDA "
                             "{}; keep cuda>={}",
                             e.where, what, image.base_cuda->str(), base.str(), base.str()));
    }
  }
};

}  // namespace

RuleEntry ml204_require_check_disabled() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<RequireCheckDisabled>()); }};
}

}  // namespace dockml::rules
