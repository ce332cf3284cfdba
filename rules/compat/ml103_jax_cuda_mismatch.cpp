// ML103 jax-cuda-mismatch: JAX builds that use the system CUDA (`jax[cuda12-local]`,
// monolithic `jaxlib==X+cuda11.cudnn82`) whose CUDA major, or minimum CUDA / cuDNN, the
// image does not provide.
#include <fmt/format.h>

#include "analyzer/engine/rule.h"
#include "rules/compat/compat_util.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "ML103",
    .name = "jax-cuda-mismatch",
    .severity = Severity::kError,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "A JAX build that uses the system CUDA does not match the image's CUDA or cuDNN",
    .doc = R"md(## What it does
For JAX installs that use the CUDA libraries of the system, `jax[cuda12-local]` /
`jax[cuda13-local]` (spelled `cuda12_local` before JAX 0.6.0) and the monolithic
`jaxlib==X+cuda11.cudnn82` builds, reports when the stage's image does not provide what
that build needs:

- another CUDA **major** than the build's;
- a CUDA older than the minimum of that JAX version (CUDA 12 builds: 12.2 from jaxlib
  0.4.17, 12.3 from 0.4.24, 12.1 from 0.4.26; the current documentation says 12.1);
- a cuDNN (from the base image) older than the minimum (8.9.4 from 0.4.17, 9.1 from 0.4.31,
  9.8 from 0.6.0) or of another major than the build needs.

`jax[cuda12]` and `jax[cuda13]` bring their own CUDA as NVIDIA pip wheels and are not
checked. Unknown images and unknown versions are skipped.

## Why it matters
JAX checks the CUDA and cuDNN versions it loads and fails at start-up when they are older
than its constraint table; a build for another CUDA major does not find its libraries.

## Example
```dockerfile
FROM nvidia/cuda:11.8.0-cudnn8-runtime-ubuntu22.04
RUN pip install "jax[cuda12_local]==0.4.30"
```

## Use instead
```dockerfile
FROM nvidia/cuda:12.3.2-cudnn9-runtime-ubuntu22.04
RUN pip install "jax[cuda12_local]==0.4.30"
```
or `pip install "jax[cuda12]"`, which brings its own CUDA libraries.

## Fix safety
No fix is offered.

## References
- JAX installation guide (CUDA/cuDNN requirements, local extras): jax-ml/jax
  `docs/installation.md` (knowledge base `jax.json`, source J1)
- JAX changelog (CUDA/cuDNN floors per release): jax-ml/jax `CHANGELOG.md` (J2)
)md",
};

struct Need {
  int cuda_major = 0;
  std::optional<Fact<Version>> min_cuda, min_cudnn;
  std::optional<Fact<int>> cudnn_major;  // monolithic jaxlib +cuda11.cudnn82
  std::optional<Version> cudnn_below;
  Provenance from;
};

// "cuda11.cudnn82" -> cuDNN 8; "cuda12.cudnn89" -> 8; "cudnn805" -> 8.
std::optional<int> label_cudnn_major(std::string_view label) {
  size_t at = label.find("cudnn");
  if (at == std::string_view::npos || at + 5 >= label.size()) return std::nullopt;
  char c = label[at + 5];
  if (c < '1' || c > '9') return std::nullopt;
  return c - '0';
}

class JaxCudaMismatch final : public Rule {
 public:
  void finish(const FileContext& ctx, Reporter& out) override {
    if (!ctx.model || !ctx.kb) return;
    for (const StageModel& st : ctx.model->stages) {
      auto cuda = compat::stage_cuda(*ctx.model, st);
      if (!cuda) continue;
      for (const FrameworkVariant& f : st.frameworks) {
        if ((f.package != "jax" && f.package != "jaxlib") || !f.cuda) continue;
        auto need = what_it_needs(ctx, f);
        if (!need) continue;
        check(ctx, st, f, *need, *cuda, out);
      }
    }
  }

 private:
  static std::optional<Need> what_it_needs(const FileContext& ctx, const FrameworkVariant& f) {
    Need n;
    n.cuda_major = static_cast<int>(f.cuda->major());
    n.from = f.from;
    if (f.origin == "jax extra") {
      auto extra = ctx.kb->jax_extra(f.variant);
      if (!extra || !extra->local || extra->rocm) return std::nullopt;
    } else if (f.origin == "local version label") {
      if (auto m = label_cudnn_major(f.variant)) n.cudnn_major = Fact<int>{*m, {}};
    } else {
      return std::nullopt;
    }
    if (f.version) {
      JaxFloors floors = ctx.kb->jax_floors(*f.version);
      if (n.cuda_major == 12 && floors.min_cuda12) n.min_cuda = floors.min_cuda12;
      else if (floors.min_cuda && int(floors.min_cuda->value.major()) == n.cuda_major) n.min_cuda = floors.min_cuda;
      if (floors.min_cudnn) n.min_cudnn = floors.min_cudnn;
    } else if (auto req = ctx.kb->jax_cuda_requirements(n.cuda_major)) {
      // Unpinned: pip installs the newest release, which the current documentation describes.
      n.min_cuda = Fact<Version>{req->min_cuda, req->from};
      n.min_cudnn = Fact<Version>{req->min_cudnn, req->from};
      n.cudnn_below = req->cudnn_below;
      n.from = req->from;
    }
    return n;
  }

  static void check(const FileContext& ctx, const StageModel& st, const FrameworkVariant& f,
                    const Need& n, const compat::StageCuda& cuda, Reporter& out) {
    const PythonPackage* pkg = compat::package_of(st, f);
    if (!pkg) return;
    std::string what = fmt::format("{} ({})", compat::package_words(pkg->req),
                                   f.origin == "jax extra" ? fmt::format("[{}] uses the system CUDA", f.variant)
                                                           : std::string("a jaxlib build for the system CUDA"));
    std::vector<std::string> problems;
    compat::Evidence ev;
    ev.add(cuda.from);
    if (static_cast<int>(cuda.version.major()) != n.cuda_major) {
      problems.push_back(fmt::format("is built for CUDA {} but {}", n.cuda_major, cuda.words));
      ev.add(n.from);
    } else if (n.min_cuda && cuda.version.truncated(2) < n.min_cuda->value) {
      problems.push_back(fmt::format("needs CUDA >= {} but {}", n.min_cuda->value.str(), cuda.words));
      ev.add(n.min_cuda->from);
    }
    // cuDNN of the base image (when the KB records it).
    const ImageFacts& facts = st.facts;
    if (!cuda.installed && (facts.cudnn || facts.cudnn_major)) {
      int image_major = facts.cudnn ? static_cast<int>(facts.cudnn->value.major()) : facts.cudnn_major->value;
      std::string image_cudnn = facts.cudnn ? facts.cudnn->value.str() : std::to_string(image_major);
      Provenance image_from = facts.cudnn ? facts.cudnn->from : facts.cudnn_major->from;
      std::string base = fmt::format("the base image {} (line {})", cuda.image, compat::line_of(cuda.ref));
      if (n.cudnn_major && n.cudnn_major->value != image_major) {
        problems.push_back(fmt::format("needs cuDNN {} but {} provides cuDNN {}",
                                       n.cudnn_major->value, base, image_cudnn));
        ev.add(image_from);
      } else if (n.min_cudnn && facts.cudnn && facts.cudnn->value < n.min_cudnn->value) {
        problems.push_back(fmt::format("needs cuDNN >= {} but {} provides cuDNN {}",
                                       n.min_cudnn->value.str(), base, image_cudnn));
        ev.add(image_from).add(n.min_cudnn->from);
      } else if (n.min_cudnn && !facts.cudnn && image_major < static_cast<int>(n.min_cudnn->value.major())) {
        problems.push_back(fmt::format("needs cuDNN >= {} but {} provides cuDNN {}",
                                       n.min_cudnn->value.str(), base, image_cudnn));
        ev.add(image_from).add(n.min_cudnn->from);
      } else if (n.cudnn_below && image_major >= static_cast<int>(n.cudnn_below->major())) {
        problems.push_back(fmt::format("needs cuDNN < {} but {} provides cuDNN {}",
                                       n.cudnn_below->str(), base, image_cudnn));
        ev.add(image_from).add(n.from);
      }
    }
    if (problems.empty()) return;
    std::string message = what + " " + problems.front();
    for (size_t i = 1; i < problems.size(); ++i) message += ", and " + problems[i];
    Diagnostic& d = compat::report_at_package(out, ctx, st, *pkg, f.ref, std::move(message), kMeta.severity);
    compat::add_cuda_label(d, cuda);
    if (n.cuda_major >= 12)
      d.notes.push_back(fmt::format("jax[cuda{}] (without -local) brings its own CUDA libraries as NVIDIA pip wheels",
                                    n.cuda_major));
    compat::apply_evidence(d, ev);
  }
};

}  // namespace

RuleEntry ml103_jax_cuda_mismatch() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<JaxCudaMismatch>()); }};
}

}  // namespace dockml::rules
