// ML109 driver-too-old: with the fleet's driver (`--gpu-driver` or `gpu.driver` in the
// config), the CUDA of a stage that runs (its nvidia/cuda base and its torch/TensorFlow/JAX
// wheels) needs a newer driver: the container toolkit's NVIDIA_REQUIRE_CUDA check refuses the
// container, or the CUDA runtime is below the major's minor-version-compatibility floor.
#include <fmt/format.h>

#include <set>

#include "analyzer/engine/options.h"
#include "analyzer/engine/rule.h"
#include "analyzer/image/image_facts.h"
#include "analyzer/model/image_model.h"
#include "rules/compat/compat_util.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "ML109",
    .name = "driver-too-old",
    .severity = Severity::kError,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "The image's CUDA needs a newer driver than the fleet's (--gpu-driver)",
    .doc = R"md(## What it does
Only with the fleet's driver version (`--gpu-driver 535.104.05`, or `gpu.driver` in
`.dockml.yaml`). For every stage that is run (the final stage and any stage no other stage
builds on or copies from), it checks:

- an `nvidia/cuda` base image: the NVIDIA Container Toolkit compares the image's
  `NVIDIA_REQUIRE_CUDA` (`cuda>=X.Y` plus data-center driver-branch exceptions) with the host
  driver. When the driver is older than the minimum driver of CUDA X.Y (release-notes Table 3)
  and its branch is not one of the exceptions, the container does not start. NGC containers
(`nvcr.io/nvidia/pytorch`, ...) ship release-specific forward-compatibility support and are not
judged. `ENV
  NVIDIA_DISABLE_REQUIRE=true` turns the check off; then, as for other bases, the floor below
  applies.
- the CUDA runtime shipped by the base image or by torch (`+cuXYZ`, index URL, PyPI default),
  TensorFlow (tested configuration) and JAX (`jax[cudaNN]`) wheels: with minor-version
  compatibility, CUDA 11.1-11.8 needs driver 450.80.02 or newer, CUDA 12.x 525.60.13, CUDA 13.x
  580 (release-notes Table 2); CUDA 10 and older need the toolkit's own minimum driver.

## Why it matters
The container fails to start with `nvidia-container-cli: requirement error: unsatisfied
condition: cuda>=12.4, please update your driver to a newer version`, or the framework fails
at the first CUDA call with `CUDA driver version is insufficient for CUDA runtime version`.
Neither shows up in `docker build`.

## Example
```dockerfile
# dockml check --gpu-driver 535.104.05
FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04
```

## Use instead
```dockerfile
FROM nvidia/cuda:12.2.2-runtime-ubuntu22.04
```

## Fix safety
No fix is offered: either the fleet's driver is upgraded or the image moves to an older CUDA
(base tag and wheel variants together).

## References
- CUDA Toolkit release notes, Table 2 (minor-version compatibility floors) and Table 3
  (minimum driver per toolkit release), CUDA 13.2 Update 2 (cuda.json K18, K3)
- NVIDIA_REQUIRE_CUDA in the nvidia/cuda Dockerfiles (images.json I2); the container toolkit's
  requirement check and NVIDIA_DISABLE_REQUIRE (images.json I11)
- ../shared/knowledge/failures.md rows 7 and 8 (error texts and causes)
)md",
};

// Stages that are run: not a FROM parent of another stage, not a COPY --from source; the
// final stage always.
std::vector<bool> run_stages(const ImageModel& m) {
  std::vector<bool> used(m.stages.size(), false);
  for (const StageModel& st : m.stages) {
    if (st.parent && *st.parent < used.size()) used[*st.parent] = true;
    for (const CopyEdge& c : st.copies)
      if (c.from_stage && *c.from_stage < used.size()) used[*c.from_stage] = true;
  }
  std::vector<bool> run(m.stages.size());
  for (size_t i = 0; i < m.stages.size(); ++i) run[i] = !used[i] || m.stages[i].is_final;
  return run;
}

// True when the stage (or a FROM-stage ancestor) sets NVIDIA_DISABLE_REQUIRE to a true value
// (or to a value not known statically: unknown is not wrong).
bool require_disabled(const ImageModel& m, const StageModel& leaf) {
  for (const VarBinding& b : m.scope.bindings()) {
    if (b.name != "NVIDIA_DISABLE_REQUIRE" || b.instruction == kNoInstruction) continue;
    for (const StageModel* st = &leaf; st;
         st = st->parent && *st->parent < st->index ? &m.stages[*st->parent] : nullptr) {
      if (b.instruction < st->begin || b.instruction >= st->end) continue;
      if (!b.known) return true;
      const std::string& v = b.value;
      if (v == "true" || v == "1" || v == "TRUE" || v == "True" || v == "yes") return true;
    }
  }
  return false;
}

class DriverTooOld final : public Rule {
 public:
  void finish(const FileContext& ctx, Reporter& out) override {
    if (!ctx.model || !ctx.kb || !ctx.options || !ctx.options->gpu_driver) return;
    auto driver = Version::parse(*ctx.options->gpu_driver);
    if (!driver) return;
    driver_ = *driver;
    const ImageModel& m = *ctx.model;
    std::vector<bool> run = run_stages(m);
    for (const StageModel& st : m.stages) {
      if (!run[st.index]) continue;
      check_base(ctx, st, out);
      for (const FrameworkVariant& f : st.frameworks) check_wheel(ctx, st, f, out);
    }
  }

 private:
  std::string driver_words() const {
    return fmt::format("the fleet's driver {} (--gpu-driver)", driver_.str());
  }

  // The driver floor for running CUDA `cuda` with minor-version compatibility, or the
  // toolkit's own minimum for CUDA 10 and older.
  struct Floor {
    Version driver;
    std::string why;
    Provenance from;
  };
  std::optional<Floor> floor_for(const KnowledgeBase& kb, const Version& cuda) const {
    if (cuda.size() >= 2) {
      if (auto f = kb.cuda_minor_compat_floor(cuda))
        return Floor{f->linux_floor,
                     fmt::format("the CUDA {} minor-version-compatibility floor", f->major), f->from};
    } else if (auto f = kb.cuda_minor_compat_floor(static_cast<int>(cuda.major()))) {
      return Floor{f->linux_floor, fmt::format("the CUDA {} minor-version-compatibility floor", f->major),
                   f->from};
    }
    if (cuda.major() <= 10 && cuda.size() >= 2) {
      if (auto r = ctx_min_driver(kb, cuda))
        return Floor{r->linux_driver, fmt::format("the minimum driver of CUDA {}", r->toolkit.str()), r->from};
    }
    return std::nullopt;
  }
  static std::optional<CudaDriverRequirement> ctx_min_driver(const KnowledgeBase& kb, const Version& cuda) {
    return kb.cuda_min_driver(cuda);
  }

  void check_base(const FileContext& ctx, const StageModel& st, Reporter& out) {
    const ImageModel& m = *ctx.model;
    const StageModel& root = compat::root_stage(m, st);
    if (!root.facts.cuda) return;
    if (!reported_bases_.insert(root.index).second) return;
    const Version& cuda = root.facts.cuda->value;
    // NGC containers ship forward-compatibility libraries for release-specific data-center
    // driver branches that the knowledge base does not map to a check: unknown, not wrong.
    if (is_ngc(root.facts.family)) return;
    // pytorch/pytorch devel tags build on nvidia/cuda devel images (cuda-compat and their
    // NVIDIA_REQUIRE_CUDA, whose exact image dockml does not know).
    if (root.facts.family == ImageFamily::kPytorch && root.facts.flavor == "devel") return;
    std::string image = !root.facts.ref.raw.empty() ? root.facts.ref.raw : root.base;
    uint32_t line = compat::line_of(SourceRef{m.source, root.base_span});
    compat::Evidence ev;
    ev.add(root.facts.cuda->from);
    auto req = root.facts.family == ImageFamily::kNvidiaCuda ? ctx.kb->require_cuda(cuda) : std::nullopt;
    // nvidia/cuda images ship cuda-compat; without the image's NVIDIA_REQUIRE_CUDA row the
    // branches it accepts are unknown.
    if (root.facts.family == ImageFamily::kNvidiaCuda && !req) return;
    if (req) {
      // The image ships cuda-compat for these data-center driver branches (forward
      // compatibility): whether the GPU qualifies is not known here.
      for (int branch : req->branches)
        if (static_cast<int>(driver_.major()) == branch) return;
    }
    if (req && !require_disabled(m, st)) {
      auto need = ctx.kb->cuda_min_driver(req->cuda_ge);
      if (need) {
        if (driver_ >= need->linux_driver) return;
        Diagnostic& d = out.report(
            root.base_span,
            fmt::format("the base image {} (line {}) requires cuda>={} (NVIDIA_REQUIRE_CUDA), which needs "
                        "driver {} or newer, but {} is older: the container toolkit refuses to start the "
                        "container ('unsatisfied condition: cuda>={}')",
                        image, line, req->cuda_ge.str(), need->linux_driver.str(), driver_words(),
                        req->cuda_ge.str()));
        if (!req->branches.empty()) {
          std::string branches;
          for (int b : req->branches) branches += (branches.empty() ? "" : ", ") + std::to_string(b);
          d.notes.push_back(fmt::format("the image also accepts data-center drivers of the {} branches "
                                        "(forward compatibility); {} is not one of them",
                                        branches, driver_.str()));
        }
        ev.add(req->from).add(need->from);
        compat::apply_evidence(d, ev);
        return;
      }
    }
    auto floor = floor_for(*ctx.kb, cuda);
    if (!floor || driver_ >= floor->driver) return;
    Diagnostic& d = out.report(
        root.base_span,
        fmt::format("the base image {} (line {}) provides CUDA {}, which needs driver {} or newer ({}), "
                    "but {} is older: 'CUDA driver version is insufficient for CUDA runtime version'",
                    image, line, cuda.str(), floor->driver.str(), floor->why, driver_words()));
    ev.add(floor->from);
    compat::apply_evidence(d, ev);
  }

  static bool is_ngc(ImageFamily f) {
    return f == ImageFamily::kNgcPytorch || f == ImageFamily::kNgcTensorflow || f == ImageFamily::kNgcJax ||
           f == ImageFamily::kNgcTritonserver || f == ImageFamily::kNgcCudaDlBase;
  }

  // The base image may run a wheel's CUDA on this driver through its forward-compatibility
  // libraries (cuda-compat): an nvidia/cuda image that lists the driver's branch, or an NGC
  // container, of the same CUDA major and not older than the wheel's CUDA.
  bool forward_compat_possible(const FileContext& ctx, const StageModel& st, const Version& wheel) const {
    const StageModel& root = compat::root_stage(*ctx.model, st);
    if (!root.facts.cuda) return false;
    const Version& image = root.facts.cuda->value;
    if (image.major() != wheel.major() || image.truncated(2) < wheel.truncated(2)) return false;
    if (is_ngc(root.facts.family)) return true;
    if (root.facts.family != ImageFamily::kNvidiaCuda) return false;
    auto req = ctx.kb->require_cuda(image);
    if (!req) return false;
    for (int branch : req->branches)
      if (static_cast<int>(driver_.major()) == branch) return true;
    return false;
  }

  void check_wheel(const FileContext& ctx, const StageModel& st, const FrameworkVariant& f, Reporter& out) {
    if (!f.cuda || f.variant == "cpu" || f.variant.starts_with("rocm")) return;
    // torchvision/torchaudio follow torch's CUDA: one finding at torch is enough.
    if (f.package == "torchvision" || f.package == "torchaudio") return;
    if (forward_compat_possible(ctx, st, *f.cuda)) return;
    // TensorFlow without [and-cuda] and JAX local builds use the image's CUDA (checked above).
    if (f.package == "tensorflow" && f.variant != "and-cuda") return;
    if ((f.package == "jax" || f.package == "jaxlib") && f.variant.find("local") != std::string::npos) return;
    const PythonPackage* pkg = compat::package_of(st, f);
    if (!pkg) return;
    auto floor = floor_for(*ctx.kb, *f.cuda);
    if (!floor || driver_ >= floor->driver) return;
    std::string origin = f.origin.starts_with("index URL") ? "index URL" : f.origin;
    Diagnostic& d = compat::report_at_package(
        out, ctx, st, *pkg, f.ref,
        fmt::format("{} ({}) ships CUDA {} ({}), which needs driver {} or newer ({}), but {} is older: "
                    "'CUDA driver version is insufficient for CUDA runtime version'",
                    compat::package_words(pkg->req), compat::package_where(*pkg), f.cuda->str(), origin,
                    floor->driver.str(), floor->why, driver_words()),
        kMeta.severity);
    compat::Evidence ev;
    ev.add(f.from).add(floor->from);
    compat::apply_evidence(d, ev);
  }

  Version driver_;
  std::set<size_t> reported_bases_;
};

}  // namespace

RuleEntry ml109_driver_too_old() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<DriverTooOld>()); }};
}

}  // namespace dockml::rules
