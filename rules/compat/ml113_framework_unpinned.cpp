// ML113 framework-unpinned: torch / tensorflow / jax / jaxlib installed without an exact version.
#include <fmt/format.h>

#include "analyzer/engine/rule.h"
#include "rules/compat/compat_util.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "ML113",
    .name = "framework-unpinned",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "torch/tensorflow/jax installed without an exact version",
    .doc = R"md(## What it does
Reports `torch`, `tensorflow` (also `tensorflow-cpu`), `jax` and `jaxlib` installed with pip
(command line or requirement file) or conda without an exact version (`==X.Y.Z`): no
specifier, a range, or a wildcard. Not reported: versions pinned by a constraints file
(`-c`) of the same command; a plain `pip install torch` (without `--upgrade`) on a base
image that already ships torch (resp. TensorFlow), which keeps the shipped version; source
builds (VCS URLs, local paths, editable installs).

## Why it matters
Each framework release picks its own CUDA: plain `pip install torch` gave CUDA 12.1 builds
for torch 2.1-2.4, 12.4 for 2.5-2.6, 12.6 for 2.7, 12.8 for 2.8-2.10 and 13.0 from 2.11.
An unpinned framework changes CUDA (and the driver it needs, and the Python versions it
supports) the next time the image is rebuilt, without any change to the Dockerfile.

## Example
```dockerfile
FROM nvidia/cuda:12.1.1-runtime-ubuntu22.04
RUN pip install torch torchvision
```

## Use instead
```dockerfile
FROM nvidia/cuda:12.1.1-runtime-ubuntu22.04
RUN pip install torch==2.3.1 torchvision==0.18.1 --index-url https://download.pytorch.org/whl/cu121
```

## Fix safety
No fix is offered: which version to pin is the author's decision.

## References
- PyPI default CUDA per torch release: pytorch/test-infra `generate_binary_build_matrix.py`
  (knowledge base `pytorch.json`, sources S2, S2a, S6)
- pip requirement specifiers: https://pip.pypa.io/en/stable/reference/requirement-specifiers/
)md",
};

bool is_framework(std::string_view n) {
  return n == "torch" || n == "tensorflow" || n == "tensorflow-cpu" || n == "jax" || n == "jaxlib";
}

class FrameworkUnpinned final : public Rule {
 public:
  void finish(const FileContext& ctx, Reporter& out) override {
    if (!ctx.model) return;
    for (const StageModel& st : ctx.model->stages) {
      for (const PythonPackage& p : st.python_packages) {
        const PipRequirement& r = p.req;
        if (p.uninstall || !is_framework(r.name) || r.exact_version) continue;
        if (r.vcs || r.editable || !r.url.empty() || !r.is_static) continue;
        if (constrained(st, p)) continue;
        if (!p.options.upgrade && shipped_by_base(st, r.name)) continue;
        std::string how = r.specifier.empty() ? "without a version"
                                              : fmt::format("with the specifier {}", r.specifier);
        std::string message = fmt::format(
            "{} is installed {}{}: the release pip picks, and with it its CUDA build, changes "
            "under you; pin an exact version",
            r.name, how, p.requirement_file.empty() ? "" : " (" + compat::package_where(p) + ")");
        bool at_spec = !r.specifier.empty() && r.specifier_ref.source && !r.specifier_ref.span.empty();
        compat::report_at_package(out, ctx, st, p, at_spec ? r.specifier_ref : r.ref, std::move(message),
                                  kMeta.severity);
      }
      for (const CondaPackageUse& u : st.conda_packages) {
        const std::string& n = u.pkg.name;
        if (n != "pytorch" && n != "tensorflow" && n != "tensorflow-gpu" && n != "jax" && n != "jaxlib") continue;
        if (!u.pkg.version.empty()) continue;
        if (shipped_by_base(st, n == "pytorch" ? "torch" : n)) continue;
        SourceRef ref = u.pkg.ref;
        out.report_in(ref.source ? ref.source : ctx.source, ref.span,
                      fmt::format("conda installs {} without a version: the release conda picks, and "
                                  "with it its CUDA build, changes under you; pin a version",
                                  n));
      }
    }
  }

 private:
  // Pinned exactly by a constraints file (-c) installed by the same command.
  static bool constrained(const StageModel& st, const PythonPackage& p) {
    for (const InstalledFile& f : st.files) {
      if (f.run_instruction != p.run_instruction || !f.requirements) continue;
      for (const auto& rf : f.requirements->files) {
        if (!f.constraint && !rf.constraint) continue;
        for (const PipRequirement& c : rf.file.requirements)
          if (c.name == p.req.name && c.exact_version) return true;
      }
    }
    return false;
  }

  static bool shipped_by_base(const StageModel& st, std::string_view name) {
    if (name == "torch") return st.facts.torch.has_value();
    if (name == "tensorflow") return st.facts.tensorflow.has_value();
    return false;
  }
};

}  // namespace

RuleEntry ml113_framework_unpinned() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<FrameworkUnpinned>()); }};
}

}  // namespace dockml::rules
