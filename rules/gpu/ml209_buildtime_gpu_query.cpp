// ML209 buildtime-gpu-query: RUN queries the GPU, which does not exist during `docker build`.
#include <set>

#include <fmt/format.h>
#include <re2/re2.h>

#include "analyzer/engine/rule.h"
#include "analyzer/model/image_model.h"
#include "rules/regex_gate.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "ML209",
    .name = "buildtime-gpu-query",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "RUN queries the GPU, which does not exist at build time",
    .doc = R"md(## What it does
Reports a RUN that runs `nvidia-smi` or calls a GPU query: `torch.cuda.is_available()`,
`device_count()`, `get_device_name()`, `get_device_properties()`, `get_device_capability()`,
`current_device()`, `mem_get_info()`, TensorFlow's `list_physical_devices('GPU')`,
`tf.test.is_gpu_available()` / `gpu_device_name()`, `jax.devices()` / `jax.device_count()`,
CuPy's `getDeviceCount()` and Numba's `cuda.is_available()` / `cuda.detect()`, in the shell
command or a heredoc. RUNs with `--device` (BuildKit CDI devices) are skipped.

## Why it matters
`docker build` runs RUN steps without GPUs and without the NVIDIA runtime: `nvidia-smi` is not
found (or fails with "couldn't communicate with the NVIDIA driver"), `torch.cuda.is_available()`
is `False`, device queries raise. A build step that asserts on them fails on every builder; one
that only prints them records a misleading "no GPU" in the build log, and code that picks
settings from them bakes CPU settings into the image.

## Example
```dockerfile
RUN python -c "import torch; assert torch.cuda.is_available()"
```

## Use instead
```dockerfile
# check the GPU when the container runs
HEALTHCHECK CMD python -c "import torch; assert torch.cuda.is_available()"
```

## Fix safety
No fix: where the check belongs (entrypoint, health check, test job) is for the user to decide.

## References
- Docker docs, GPU access is a run-time option (`docker run --gpus`): https://docs.docker.com/engine/containers/resource_constraints/#gpu
- NVIDIA Container Toolkit (hooks run at container start): https://docs.nvidia.com/datacenter/cloud-native/container-toolkit/latest/arch-overview.html
)md",
};

const RE2& query() {
  static const RE2 re(
      "(torch\\.cuda\\.(?:is_available|device_count|get_device_name|get_device_properties|"
      "get_device_capability|current_device|mem_get_info)\\s*\\(|"
      "(?:tf|tensorflow)\\.config\\.(?:experimental\\.)?list_physical_devices\\(\\s*['\"]GPU['\"]\\s*\\)|"
      "(?:tf|tensorflow)\\.test\\.(?:is_gpu_available|gpu_device_name)\\s*\\(|"
      "jax\\.(?:local_)?(?:devices|device_count)\\s*\\(|"
      "cupy\\.cuda\\.runtime\\.getDeviceCount\\s*\\(|"
      "numba\\.cuda\\.(?:is_available|detect)\\s*\\()");
  return re;
}

std::string shown(std::string_view match) {
  std::string s(match);
  if (!s.empty() && s.back() == '(') s += ')';
  return s;
}

class BuildtimeGpuQuery final : public Rule {
 public:
  void finish(const FileContext& ctx, Reporter& out) override {
    if (ctx.kind != FileKind::kDockerfile || !ctx.model || !ctx.dockerfile) return;
    for (const RunAnalysis& run : ctx.model->run_list) {
      const Instruction& inst = ctx.dockerfile->instructions[run.instruction];
      if (inst.find_flag("device")) continue;
      std::set<uint32_t> seen;
      unsigned line = inst.start_line + 1;
      for (const shell::ShellCommand& c : run.script.commands) {
        std::string_view name = c.name();
        if (name == "nvidia-smi" || name.ends_with("/nvidia-smi")) {
          if (!seen.insert(c.span.begin).second) continue;
          out.report(c.argv[c.program].span,
                     fmt::format("RUN on line {} runs nvidia-smi at build time: docker build has no "
                                 "GPU and no NVIDIA driver, so it fails or reports nothing; query "
                                 "the GPU when the container runs",
                                 line));
          continue;
        }
        if (c.logical_end > run.script.text.size() || c.logical_begin >= c.logical_end) continue;
        scan(std::string_view(run.script.text).substr(c.logical_begin, c.logical_end - c.logical_begin),
             [&](size_t b, size_t e) {
               return run.script.to_source(static_cast<uint32_t>(c.logical_begin + b),
                                           static_cast<uint32_t>(c.logical_begin + e));
             },
             line, seen, out);
      }
      for (const Heredoc& h : inst.heredocs) {
        if (h.chomp_tabs || h.body.size() != h.body_span.size()) continue;
        scan(h.body, [&](size_t b, size_t e) {
               return Span{h.body_span.begin + static_cast<uint32_t>(b), h.body_span.begin + static_cast<uint32_t>(e)};
             },
             line, seen, out);
      }
    }
  }

 private:
  template <typename ToSource>
  static void scan(std::string_view text, ToSource to_source, unsigned line, std::set<uint32_t>& seen,
                   Reporter& out) {
    // Every call the pattern finds starts with one of these: most RUNs never compile it.
    if (!contains_any(text, {"torch.cuda.", ".config.", ".test.", "jax.", "cupy.cuda.", "numba.cuda."})) return;
    re2::StringPiece input(text.data(), text.size());
    re2::StringPiece match;
    while (RE2::FindAndConsume(&input, query(), &match)) {
      size_t b = static_cast<size_t>(match.data() - text.data());
      Span span = to_source(b, b + match.size());
      if (!seen.insert(span.begin).second) continue;
      out.report(span, fmt::format("RUN on line {} calls {} at build time: docker build has no GPU, "
                                   "so it returns no device (or raises); check the GPU when the "
                                   "container runs (entrypoint or HEALTHCHECK)",
                                   line, shown(std::string_view(match.data(), match.size()))));
    }
  }
};

}  // namespace

RuleEntry ml209_buildtime_gpu_query() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<BuildtimeGpuQuery>()); }};
}

}  // namespace dockml::rules
