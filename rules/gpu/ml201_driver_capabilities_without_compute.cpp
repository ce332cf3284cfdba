// ML201 driver-capabilities-without-compute: NVIDIA_DRIVER_CAPABILITIES leaves out `compute`
// for an image that runs CUDA code.
#include <algorithm>

#include <fmt/format.h>

#include "analyzer/engine/rule.h"
#include "rules/gpu/gpu_common.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "ML201",
    .name = "driver-capabilities-without-compute",
    .severity = Severity::kError,
    .enabled_by_default = true,
    .fix = FixAvailability::kAlways,
    .summary = "NVIDIA_DRIVER_CAPABILITIES without `compute` for an image that runs CUDA",
    .doc = R"md(## What it does
Reports `NVIDIA_DRIVER_CAPABILITIES` set to a list that contains neither `compute` nor `all`
when the image runs CUDA code (a CUDA base image, or torch / TensorFlow / JAX CUDA builds).
It checks the Dockerfile's `ENV` (final stage and the stages it is built `FROM`), a compose
service's `environment` and a Kubernetes container's `env`. An empty value is the runtime
default (`compute,utility`) and is not reported.

## Why it matters
The NVIDIA container runtime mounts only the driver libraries of the listed capabilities.
Without `compute` there is no `libcuda.so` in the container: `nvidia-smi` may work (it needs
`utility`), but `torch.cuda.is_available()` is `False` and CUDA programs fail with "no CUDA-capable
device is detected".

## Example
```dockerfile
FROM nvidia/cuda:12.1.1-runtime-ubuntu22.04
ENV NVIDIA_DRIVER_CAPABILITIES=utility
```

## Use instead
```dockerfile
FROM nvidia/cuda:12.1.1-runtime-ubuntu22.04
ENV NVIDIA_DRIVER_CAPABILITIES=compute,utility
```

## Fix safety
Unsafe: adds `compute,` in front of the value, which changes which driver libraries the
runtime mounts into the container.

## References
- NVIDIA Container Toolkit, driver capabilities: https://docs.nvidia.com/datacenter/cloud-native/container-toolkit/latest/docker-specialized.html#driver-capabilities
)md",
};

bool lacks_compute(std::string_view value) {
  std::vector<std::string> caps = gpu::split_list(value);
  if (caps.empty()) return false;  // empty: the runtime default compute,utility
  return std::find(caps.begin(), caps.end(), "compute") == caps.end() &&
         std::find(caps.begin(), caps.end(), "all") == caps.end();
}

Fix add_compute(const SourceFile& src, Span value_span) {
  uint32_t at = gpu::value_start(src, value_span);
  return Fix{Applicability::kUnsafe, "Add `compute` to NVIDIA_DRIVER_CAPABILITIES", {{Span{at, at}, "compute,"}}};
}

std::string with_compute(std::string_view value) {
  std::string out = "compute";
  for (const std::string& c : gpu::split_list(value)) out += "," + c;
  return out;
}

constexpr std::string_view kWhy =
    "the NVIDIA runtime then mounts no CUDA driver library (libcuda.so) and CUDA cannot use the GPU";

class DriverCapabilitiesWithoutCompute final : public Rule {
 public:
  void finish(const FileContext& ctx, Reporter& out) override {
    if (ctx.kind == FileKind::kDockerfile && ctx.model) check_dockerfile(ctx, out);
    if (ctx.compose) check_workloads(ctx, out);
  }

 private:
  static void check_dockerfile(const FileContext& ctx, Reporter& out) {
    WorkloadImage image = gpu::runtime_image(*ctx.model);
    if (!image.cuda) return;
    for (const gpu::ImageEnv& e : gpu::runtime_env(ctx)) {
      if (e.name != "NVIDIA_DRIVER_CAPABILITIES" || !e.known || !lacks_compute(e.value)) continue;
      Diagnostic& d = out.report(
          e.value_span,
          fmt::format("NVIDIA_DRIVER_CAPABILITIES={} ({}) leaves out `compute` although the image "
                      "runs CUDA ({}): {}; use {}",
                      e.value, e.where, image.evidence, kWhy, with_compute(e.value)));
      d.fix = add_compute(*ctx.source, e.value_span);
    }
  }

  static void check_workloads(const FileContext& ctx, Reporter& out) {
    for (const gpu::WorkloadEnv& w : gpu::workload_env(*ctx.compose)) {
      const EnvVar& v = *w.var;
      if (v.name != "NVIDIA_DRIVER_CAPABILITIES" || !v.has_value || !lacks_compute(v.value)) continue;
      if (!w.image->cuda) continue;
      Diagnostic& d = out.report(
          v.value_span,
          fmt::format("{} in {} sets NVIDIA_DRIVER_CAPABILITIES={} without `compute` although its "
                      "{} runs CUDA ({}): {}; use {}",
                      w.owner, gpu::file_name(ctx), v.value, w.image->label, w.image->evidence, kWhy,
                      with_compute(v.value)));
      d.fix = add_compute(*ctx.source, v.value_span);
    }
  }
};

}  // namespace

RuleEntry ml201_driver_capabilities_without_compute() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<DriverCapabilitiesWithoutCompute>()); }};
}

}  // namespace dockml::rules
