// ML206 compose-gpu-request: compose services that run a GPU image without a (valid) GPU
// request.
#include <charconv>

#include <fmt/format.h>

#include "analyzer/engine/rule.h"
#include "rules/gpu/gpu_common.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "ML206",
    .name = "compose-gpu-request",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kSometimes,
    .summary = "Compose service with a GPU image but no GPU request, or an invalid device request",
    .doc = R"md(## What it does
Checks the GPU requests of compose services:
- a service whose image is a GPU image (from the knowledge base for `image:`, from the linked
  Dockerfile's image model for `build:`) but that requests no GPU (no
  `deploy.resources.reservations.devices` entry with `capabilities: [gpu]`, no `gpus:`, no
  `runtime: nvidia`). Services with `extends` are skipped: the request may be inherited;
- a service that only uses the deprecated `runtime: nvidia` (compose file format 2.3);
- (error) a `devices` entry without `capabilities: [gpu]` (or another capability Docker's
  nvidia driver serves: `nvidia`, `compute`, `utility`, `graphics`, `video`, `display`,
  `compat32`), with both `count` and `device_ids`
  (the compose specification makes them mutually exclusive; a `count` larger than the listed
  `device_ids` is called out), or with a `count` that is neither an integer nor `all`.

## Why it matters
Compose starts a service without any GPU unless it asks for one: a CUDA image then runs on the
CPU or fails with "no CUDA-capable device is detected". `runtime: nvidia` needs the legacy
runtime registered in the daemon and is not part of the compose specification; device requests
work with the stock Docker Engine and the NVIDIA Container Toolkit. Invalid entries are rejected
when the service is created.

## Example
```yaml
services:
  train:
    image: pytorch/pytorch:2.1.0-cuda11.8-cudnn8-runtime
```

## Use instead
```yaml
services:
  train:
    image: pytorch/pytorch:2.1.0-cuda11.8-cudnn8-runtime
    deploy:
      resources:
        reservations:
          devices:
            - driver: nvidia
              count: all
              capabilities: [gpu]
```

## Fix safety
Display only: the snippet of the device request block is shown, never applied (how many GPUs
a service gets is for the user to decide).

## References
- Docker docs, GPU support in Compose: https://docs.docker.com/compose/how-tos/gpu-support/
- Compose specification, devices: https://docs.docker.com/reference/compose-file/deploy/#devices
)md",
};

std::string device_block(uint32_t indent) {
  std::string i(indent, ' ');
  return fmt::format(
      "{0}deploy:\n{0}  resources:\n{0}    reservations:\n{0}      devices:\n"
      "{0}        - driver: nvidia\n{0}          count: all\n{0}          capabilities: [gpu]\n",
      i);
}

// Offset of the line after the one holding `offset`.
uint32_t next_line(const SourceFile& src, uint32_t offset) {
  uint32_t line = src.position(offset).line;
  return line + 1 < src.line_count() ? src.line_start(line + 1) : static_cast<uint32_t>(src.text().size());
}

std::optional<long> integer(std::string_view s) {
  long v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

class ComposeGpuRequest final : public Rule {
 public:
  void finish(const FileContext& ctx, Reporter& out) override {
    if (ctx.kind != FileKind::kCompose || !ctx.compose) return;
    for (const ComposeService& s : ctx.compose->services) check_service(ctx, s, out);
  }

 private:
  static void check_entry(const ComposeService& s, const DeviceRequest& d, bool gpus_key, Reporter& out) {
    std::string where = fmt::format("service '{}': {} entry", s.name, gpus_key ? "gpus" : "devices");
    bool nvidia = d.driver.value.empty() || d.driver.value == "nvidia";
    if (!gpus_key && nvidia && !d.has_gpu_capability()) {
      out.report(d.capabilities.present ? d.capabilities.span : d.span,
                 fmt::format("{} {}: Docker hands out NVIDIA GPUs only for device requests with "
                             "the gpu capability (or an NVIDIA driver capability such as compute); "
                             "add `capabilities: [gpu]`",
                             where, d.capabilities.present ? "lists no GPU capability"
                                                          : "has no capabilities"),
                 Severity::kError);
    }
    if (d.count.present && d.device_ids.present) {
      std::optional<long> n = integer(d.count.value);
      std::string larger = n && *n > static_cast<long>(d.ids.size())
                               ? fmt::format(" (count {} is larger than the {} listed device_ids)",
                                             *n, d.ids.size())
                               : "";
      out.report(d.count.key_span,
                 fmt::format("{} sets both count and device_ids{}: they are mutually exclusive; "
                             "keep device_ids to pick GPUs or count to take any",
                             where, larger),
                 Severity::kError);
    } else if (d.count.present && d.count.value != "all" && !integer(d.count.value)) {
      out.report(d.count.span, fmt::format("{} has count '{}': use an integer or `all`", where, d.count.value),
                 Severity::kError);
    }
  }

  static void check_service(const FileContext& ctx, const ComposeService& s, Reporter& out) {
    for (const DeviceRequest& d : s.devices) check_entry(s, d, false, out);
    for (const DeviceRequest& d : s.gpu_list) check_entry(s, d, true, out);
    bool device_request = s.gpus.present;
    for (const DeviceRequest& d : s.devices) device_request |= d.has_gpu_capability();
    const SourceFile& src = *ctx.source;
    if (s.runtime.value == "nvidia" && !device_request) {
      Diagnostic& d = out.report(
          s.runtime.span,
          fmt::format("service '{}' in {} requests the GPU only through the deprecated `runtime: "
                      "nvidia`, which needs the legacy runtime registered in the Docker daemon; use "
                      "a device request (deploy.resources.reservations.devices)",
                      s.name, gpu::file_name(ctx)));
      uint32_t begin = src.line_start(src.position(s.runtime.key_span.begin).line);
      d.fix = Fix{Applicability::kDisplay, "Request the GPU with a device reservation",
                  {{Span{begin, next_line(src, s.runtime.span.end)}, device_block(s.indent)}}};
      return;
    }
    if (s.requests_gpu() || s.extends.present || !s.runs.known || !s.runs.cuda) return;
    Span at = s.build && s.build->model ? s.build->key_span : s.image.span;
    if (at.empty()) at = s.name_span;
    Diagnostic& d = out.report(
        at, fmt::format("service '{}' in {} runs {} ({}) but requests no GPU: compose starts it "
                        "without one; add a device reservation with `capabilities: [gpu]`",
                        s.name, gpu::file_name(ctx), s.runs.label, s.runs.evidence));
    uint32_t insert = next_line(src, s.name_span.end);
    d.fix = Fix{Applicability::kDisplay, "Add a GPU device reservation",
                {{Span{insert, insert}, device_block(s.indent)}}};
  }
};

}  // namespace

RuleEntry ml206_compose_gpu_request() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<ComposeGpuRequest>()); }};
}

}  // namespace dockml::rules
