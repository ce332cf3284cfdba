// ML208 k8s-gpu-resource: invalid or misplaced nvidia.com/gpu resources in pod specs.
#include <fmt/format.h>

#include "analyzer/engine/rule.h"
#include "rules/gpu/gpu_common.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "ML208",
    .name = "k8s-gpu-resource",
    .severity = Severity::kError,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "nvidia.com/gpu only in requests, not an integer, or on an init container that does not need it",
    .doc = R"md(## What it does
Checks `nvidia.com/gpu` in the containers of Kubernetes pod specs (Pod, Deployment,
StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, `List` items, and the pod specs custom
resources such as JobSet or PyTorchJob embed); null values and template placeholders
(`<GPU_LIMIT>`, `{{ ... }}`, `${...}`) are not judged:
- set in `resources.requests` but not in `resources.limits`, or set in both with different
  values;
- a count that is not a whole number (`0.5`, `1.5`, `500m`);
- a GPU limit on an init container whose image is known not to be a GPU image (a KB-classified
  image without CUDA, such as python, ubuntu or debian).

## Why it matters
GPUs are an extended resource: Kubernetes only accepts them in `limits` (a request alone is
rejected, and when both are given they must be equal), and only whole GPUs can be requested
(fractions need time-slicing or MIG, configured in the device plugin). A GPU on an init
container that does not use it is reserved while the init container runs and can keep the pod
pending on a busy node.

## Example
```yaml
containers:
  - name: train
    image: nvcr.io/nvidia/pytorch:24.01-py3
    resources:
      requests:
        nvidia.com/gpu: 1
```

## Use instead
```yaml
containers:
  - name: train
    image: nvcr.io/nvidia/pytorch:24.01-py3
    resources:
      limits:
        nvidia.com/gpu: 1
```

## Fix safety
No fix: moving or changing a resource changes how the pod is scheduled.

## References
- Kubernetes, schedule GPUs: https://kubernetes.io/docs/tasks/manage-gpus/scheduling-gpus/
- Kubernetes, extended resources: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#extended-resources
- NVIDIA device plugin, shared access (time-slicing, MIG): https://github.com/NVIDIA/k8s-device-plugin
)md",
};

bool whole_number(std::string_view v) {
  if (v.empty()) return false;
  for (char c : v)
    if (c < '0' || c > '9') return false;
  return true;
}

class K8sGpuResource final : public Rule {
 public:
  void finish(const FileContext& ctx, Reporter& out) override {
    if (ctx.kind != FileKind::kKubernetes || !ctx.compose) return;
    for (const K8sPod& p : ctx.compose->pods)
      for (const K8sContainer& c : p.containers) check(ctx, p, c, out);
  }

 private:
  static void check(const FileContext& ctx, const K8sPod& p, const K8sContainer& c, Reporter& out) {
    std::string who = fmt::format("{}container '{}' of {} in {}", c.init ? "init " : "", c.name,
                                  p.label(), gpu::file_name(ctx));
    for (const YamlValue* v : {&c.limits_gpu, &c.requests_gpu}) {
      // null values and template placeholders (`<GPU_LIMIT>`, `{{ .Values.gpus }}`, `${GPUS}`)
      // are not judged.
      if (!v->present || !v->scalar || v->value.empty() ||
          v->value.find_first_of("$<>{}") != std::string::npos)
        continue;
      if (!whole_number(v->value))
        out.report(v->span, fmt::format("{} asks for nvidia.com/gpu: {} in {}: GPUs are whole "
                                        "devices, use an integer (fractions need time-slicing or MIG)",
                                        who, v->value, v == &c.limits_gpu ? "limits" : "requests"));
    }
    if (c.requests_gpu.present && !c.limits_gpu.present) {
      out.report(c.requests_gpu.key_span,
                 fmt::format("{} sets nvidia.com/gpu: {} only in resources.requests: extended "
                             "resources must be in limits (Kubernetes rejects the pod); move it to "
                             "resources.limits",
                             who, c.requests_gpu.value));
    } else if (c.requests_gpu.present && c.limits_gpu.present && c.requests_gpu.value != c.limits_gpu.value &&
               whole_number(c.requests_gpu.value) && whole_number(c.limits_gpu.value)) {
      out.report(c.requests_gpu.span,
                 fmt::format("{} requests nvidia.com/gpu: {} but limits it to {}: for extended "
                             "resources requests must equal limits (Kubernetes rejects the pod)",
                             who, c.requests_gpu.value, c.limits_gpu.value));
    }
    if (c.init && c.has_gpu_limit() && c.runs.known && !c.runs.cuda) {
      out.report(c.limits_gpu.key_span,
                 fmt::format("{} runs {}, which is not a GPU image, but reserves nvidia.com/gpu: {}: "
                             "the GPU is held while it runs and can keep the pod pending; drop the "
                             "GPU limit from the init container",
                             who, c.runs.label, c.limits_gpu.value));
    }
  }
};

}  // namespace

RuleEntry ml208_k8s_gpu_resource() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<K8sGpuResource>()); }};
}

}  // namespace dockml::rules
