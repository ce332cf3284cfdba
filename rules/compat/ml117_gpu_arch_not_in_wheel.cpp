// ML117 gpu-arch-not-in-wheel: with the fleet's GPU architecture (`--gpu-arch sm_XY` or
// config), the torch wheel variant a stage installs was not compiled for it (cu128/cu129 and
// cu13x wheels dropped Maxwell/Pascal; cu13x dropped Volta), per the knowledge base's
// TORCH_CUDA_ARCH_LIST of the official wheels.
#include <fmt/format.h>

#include "analyzer/engine/options.h"
#include "analyzer/engine/rule.h"
#include "analyzer/model/image_model.h"
#include "rules/compat/arch_values.h"
#include "rules/compat/compat_util.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "ML117",
    .name = "gpu-arch-not-in-wheel",
    .severity = Severity::kError,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "torch wheel variant not built for the fleet's GPU architecture (--gpu-arch)",
    .doc = R"md(## What it does
Only with the fleet's GPU architecture (`--gpu-arch sm_61`, or `gpu.arch` in `.dockml.yaml`).
For every torch install whose CUDA variant is known (`+cuXYZ`, the `whl/cuXYZ` index URL, or
the PyPI default CUDA of that torch version), it looks up the architectures the official
wheels of that variant are compiled for and reports when the fleet's GPU is not covered. A
GPU is covered by a compiled architecture of the same major version and an equal or lower
minor (binary compatibility: sm_80 code runs on sm_86 and sm_89), or by PTX of an equal or
lower architecture (JIT compilation). Variants whose architecture list the knowledge base does
not record (cu118, cu121, cu124) are skipped.

## Why it matters
The image builds and imports torch fine, then every kernel launch fails with
`CUDA error: no kernel image is available for execution on the device`. Since torch 2.8 the
cu128/cu129 wheels no longer contain Maxwell and Pascal code (sm_50, sm_60), and the CUDA 13
wheels no longer contain Volta (sm_70); only cu126 keeps them.

## Example
```dockerfile
# dockml check --gpu-arch sm_61
FROM python:3.12-slim
RUN pip install torch==2.8.0 --index-url https://download.pytorch.org/whl/cu128
```

## Use instead
```dockerfile
FROM python:3.12-slim
RUN pip install torch==2.8.0 --index-url https://download.pytorch.org/whl/cu126
```

## Fix safety
No fix is offered: the note names the variants of that torch release that include the
architecture; switching variants also changes the CUDA the wheel needs from the driver.

## References
- pytorch/pytorch `.ci/manywheel/build_cuda.sh` (pytorch.json S13) and pytorch/test-infra
  `pytorch_pkg_helpers/cuda.py` (pytorch.json S14): TORCH_CUDA_ARCH_LIST per variant
- pytorch/pytorch#157517: Maxwell/Pascal/Volta removed from the CUDA 12.8/12.9 builds
  (pytorch.json S15)
- ../shared/knowledge/failures.md row 11 (`no kernel image is available`)
)md",
};

// True when `gpu` can run code of the list: same major with lower-or-equal minor, or PTX at
// or below the GPU.
bool covers(const TorchArchList& list, const Version& gpu) {
  for (const Version& a : list.archs)
    if (a.major() == gpu.major() && a.minor() <= gpu.minor()) return true;
  return list.ptx && !(gpu < *list.ptx);
}

std::string arch_names(const TorchArchList& list) {
  std::string out;
  for (const Version& a : list.archs) out += (out.empty() ? "" : ", ") + compat::sm_name(a);
  if (list.ptx) out += fmt::format(" (+PTX {})", compat::sm_name(*list.ptx));
  return out;
}

class GpuArchNotInWheel final : public Rule {
 public:
  void finish(const FileContext& ctx, Reporter& out) override {
    if (!ctx.model || !ctx.kb || !ctx.options || !ctx.options->gpu_arch) return;
    auto gpu = compat::parse_gpu_arch(*ctx.options->gpu_arch);
    if (!gpu) return;
    for (const StageModel& st : ctx.model->stages) {
      for (const FrameworkVariant& f : st.frameworks) {
        if (f.package != "torch" || !f.version || !f.variant.starts_with("cu")) continue;
        const PythonPackage* pkg = compat::package_of(st, f);
        if (!pkg) continue;
        auto list = ctx.kb->torch_arch_list(*f.version, f.variant);
        if (!list || covers(*list, *gpu)) continue;
        std::string origin = f.origin.starts_with("index URL") ? "index URL" : f.origin;
        Diagnostic& d = compat::report_at_package(
            out, ctx, st, *pkg, f.ref,
            fmt::format("{} ({}) installs the {} wheel ({}), which is built for {}; the fleet's GPU {} "
                        "(--gpu-arch) is not among them: 'no kernel image is available for execution on "
                        "the device'",
                        compat::package_words(pkg->req), compat::package_where(*pkg), f.variant, origin,
                        arch_names(*list), compat::sm_name(*gpu)),
            kMeta.severity);
        if (auto rel = ctx.kb->torch_release(*f.version)) {
          std::string ok;
          for (const std::string& v : rel->cuda_variants) {
            auto other = ctx.kb->torch_arch_list(*f.version, v);
            if (other && v != f.variant && covers(*other, *gpu) && other->from.confirmed)
              ok += (ok.empty() ? "" : ", ") + v;
          }
          if (!ok.empty())
            d.notes.push_back(fmt::format("torch {} variants built for {}: {}", f.version->str(),
                                          compat::sm_name(*gpu), ok));
        }
        compat::Evidence ev;
        ev.add(list->from).add(f.from);
        compat::apply_evidence(d, ev);
      }
    }
  }
};

}  // namespace

RuleEntry ml117_gpu_arch_not_in_wheel() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<GpuArchNotInWheel>()); }};
}

}  // namespace dockml::rules
