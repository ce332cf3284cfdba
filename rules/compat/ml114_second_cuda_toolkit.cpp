// ML114 second-cuda-toolkit: a stage on a CUDA base image installs a CUDA toolkit or runtime of
// another version (apt cuda-toolkit-X-Y / cuda-X-Y / ..., conda cudatoolkit / cuda-toolkit /
// pytorch-cuda).
#include <fmt/format.h>

#include <cctype>

#include "analyzer/engine/rule.h"
#include "analyzer/model/image_model.h"
#include "rules/compat/compat_util.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "ML114",
    .name = "second-cuda-toolkit",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "CUDA toolkit of another version installed on a CUDA base image",
    .doc = R"md(## What it does
On a stage whose base image provides CUDA (nvidia/cuda, pytorch/pytorch, NGC containers, ...),
reports packages that install a CUDA toolkit or runtime of a different major.minor version:
apt `cuda-toolkit-X-Y`, `cuda-X-Y`, `cuda-runtime-X-Y`, `cuda-libraries-X-Y`, `cuda-nvcc-X-Y`,
`cuda-compiler-X-Y`, and conda `cudatoolkit=X.Y`, `cuda-toolkit=X.Y`, `pytorch-cuda=X.Y`.
Packages without a version, and the same version as the base image, are not reported.

## Why it matters
The image ends up with two CUDA versions, and what runs depends on `PATH`,
`LD_LIBRARY_PATH` and the `/usr/local/cuda` symlink: nvcc may come from one toolkit while
torch's `CUDA_HOME` points at the other (`The detected CUDA version mismatches the version that
was used to compile PyTorch`), and the image grows by gigabytes. It usually means the base
image should have been the other CUDA version.

## Example
```dockerfile
FROM nvidia/cuda:12.1.1-devel-ubuntu22.04
RUN apt-get update && apt-get install -y cuda-toolkit-11-8
```

## Use instead
```dockerfile
FROM nvidia/cuda:11.8.0-devel-ubuntu22.04
```

## Fix safety
No fix is offered: pick the base image of the CUDA version you need.

## References
- CUDA versions of the base images: nvidia/cuda tags (images.json I1), pytorch/pytorch tags
  (images.json P1), NGC release notes (ngc.json)
- torch.utils.cpp_extension CUDA version checks (../shared/knowledge/failures.md row 1, X1)
)md",
};

// "cuda-toolkit-11-8" -> 11.8 for the toolkit/runtime package families.
std::optional<Version> apt_cuda_version(std::string_view name) {
  for (std::string_view pre : {"cuda-toolkit-", "cuda-runtime-", "cuda-libraries-", "cuda-nvcc-",
                               "cuda-compiler-", "cuda-"}) {
    if (!name.starts_with(pre)) continue;
    std::string rest(name.substr(pre.size()));
    size_t dash = rest.find('-');
    if (dash == std::string::npos) return std::nullopt;
    std::string major = rest.substr(0, dash), minor = rest.substr(dash + 1);
    auto digits = [](const std::string& s) {
      return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
    };
    if (!digits(major) || !digits(minor)) return std::nullopt;
    return Version::parse(major + "." + minor);
  }
  return std::nullopt;
}

// "11.8", "11.8.*", "12.1.0" -> X.Y; nullopt for ranges or nothing.
std::optional<Version> conda_cuda_version(std::string_view v) {
  if (v.empty() || !std::isdigit(static_cast<unsigned char>(v[0]))) return std::nullopt;
  size_t end = v.find_first_not_of("0123456789.");
  if (end != std::string_view::npos && v.substr(end) != "*") return std::nullopt;
  std::string s(v.substr(0, end));
  while (!s.empty() && s.back() == '.') s.pop_back();
  auto parsed = Version::parse(s);
  if (!parsed || parsed->size() < 2) return std::nullopt;
  return parsed->truncated(2);
}

class SecondCudaToolkit final : public Rule {
 public:
  void finish(const FileContext& ctx, Reporter& out) override {
    if (!ctx.model) return;
    const ImageModel& m = *ctx.model;
    for (const StageModel& st : m.stages) {
      const StageModel& root = compat::root_stage(m, st);
      if (!root.facts.cuda) continue;
      const Version base = root.facts.cuda->value;
      std::string image = !root.facts.ref.raw.empty() ? root.facts.ref.raw : root.base;
      uint32_t line = compat::line_of(SourceRef{m.source, root.base_span});
      auto report = [&](const SourceRef& ref, const std::string& what, const Version& v,
                        const SourceRef* installed_by) {
        if (v.truncated(2) == base.truncated(2) || (base.size() < 2 && v.major() == base.major())) return;
        SourcePtr src = ref.source ? ref.source : ctx.source;
        Diagnostic& d = out.report_in(
            src, ref.span,
            fmt::format("{} installs CUDA {} on top of CUDA {} of the base image {} (line {}): the image "
                        "holds two CUDA versions, and which one nvcc, torch's CUDA_HOME and the dynamic "
                        "loader pick depends on PATH, LD_LIBRARY_PATH and the /usr/local/cuda symlink",
                        what, v.str(), base.str(), image, line));
        d.labels.push_back(Label{m.source, root.base_span, fmt::format("CUDA {} comes from here", base.str())});
        if (installed_by && !installed_by->span.empty())
          d.labels.push_back(Label{installed_by->source ? installed_by->source : m.source,
                                   installed_by->span, "this file is installed here"});
        compat::Evidence ev;
        ev.add(root.facts.cuda->from);
        compat::apply_evidence(d, ev);
      };
      for (const SystemPackage& p : st.system_packages) {
        if (auto v = apt_cuda_version(p.name)) report(p.ref, fmt::format("apt package {}", p.name), *v, nullptr);
      }
      for (const CondaPackageUse& u : st.conda_packages) {
        const std::string& n = u.pkg.name;
        if (n != "cudatoolkit" && n != "cuda-toolkit" && n != "pytorch-cuda") continue;
        auto v = conda_cuda_version(u.pkg.version);
        if (!v) continue;
        const SourceRef* by = nullptr;
        if (u.file_index >= 0 && static_cast<size_t>(u.file_index) < st.files.size())
          by = &st.files[static_cast<size_t>(u.file_index)].arg;
        report(u.pkg.ref, fmt::format("conda package {}={}", n, u.pkg.version), *v, by);
      }
    }
  }
};

}  // namespace

RuleEntry ml114_second_cuda_toolkit() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<SecondCudaToolkit>()); }};
}

}  // namespace dockml::rules
