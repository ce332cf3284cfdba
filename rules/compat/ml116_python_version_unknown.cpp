// ML116 python-version-unknown (info, off by default): a stage pins a framework whose wheels
// exist only for some Python versions, but the stage's Python could not be determined, so
// ML106 skipped the check.
#include <fmt/format.h>

#include "analyzer/engine/rule.h"
#include "analyzer/image/image_facts.h"
#include "analyzer/model/image_model.h"
#include "rules/compat/compat_util.h"
#include "rules/compat/python_wheels.h"
#include "rules/compat/stage_python.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "ML116",
    .name = "python-version-unknown",
    .severity = Severity::kInfo,
    .enabled_by_default = false,
    .fix = FixAvailability::kNone,
    .summary = "The image's Python is unknown, so wheel checks were skipped",
    .doc = R"md(## What it does
Information only, off by default (enable with `--select ML116`). When a stage pins `torch`,
`torchvision`, `tensorflow`, `jax` or `jaxlib` to a version whose wheels cover only some Python
versions, but dockml cannot tell which Python the stage has (the base image is not in the
knowledge base, it is built from a variable, or no Python install was recognised), this says
so once per stage, at the first such pin: ML106 (no wheel for the image's Python) did not
check that stage.

## Why it matters
A clean run is only as good as what was checked. Knowing that a stage was skipped tells you to
pin the base image, pass `--build-arg`, or check the Python by hand.

## Example
```dockerfile
FROM mycompany/ml-base:latest
RUN pip install torch==2.1.0
```

## Use instead
```dockerfile
FROM python:3.11-slim
RUN pip install torch==2.1.0
```

## Fix safety
No fix is offered.

## References
- Default python3 of Ubuntu/Debian releases and python:* image tags (python.json Y1-Y7)
- PyTorch / TensorFlow / JAX Python ranges (pytorch.json S2, tensorflow.json T1, jax.json J2)
)md",
};

std::string why_unknown(const StageModel& root) {
  switch (root.facts.family) {
    case ImageFamily::kUnresolved:
      return fmt::format("the base image `{}` depends on a build argument without a known value", root.base_raw);
    case ImageFamily::kUnknown:
      return fmt::format("the base image {} is not in the knowledge base",
                         root.facts.ref.raw.empty() ? root.base : root.facts.ref.raw);
    default:
      return fmt::format("neither the base image {} nor the stage's RUNs establish a Python version",
                         root.facts.ref.raw.empty() ? root.base : root.facts.ref.raw);
  }
}

class PythonVersionUnknown final : public Rule {
 public:
  void finish(const FileContext& ctx, Reporter& out) override {
    if (!ctx.model || !ctx.kb) return;
    const ImageModel& m = *ctx.model;
    for (const StageModel& st : m.stages) {
      if (compat::stage_python(m, st)) continue;
      for (const PythonPackage& pkg : st.python_packages) {
        if (pkg.uninstall || compat::pip_python(pkg)) continue;
        auto range = compat::wheel_python_range(*ctx.kb, pkg.req);
        if (!range) continue;
        const StageModel& root = compat::root_stage(m, st);
        compat::report_at_package(
            out, ctx, st, pkg, pkg.req.ref,
            fmt::format("the Python of this stage is unknown ({}), so dockml did not check that {} ({}) "
                        "has a wheel for it ({} {} publishes wheels for {})",
                        why_unknown(root), compat::package_words(pkg.req), compat::package_where(pkg),
                        range->package, range->version.str(), range->describe()),
            Severity::kInfo);
        break;  // once per stage
      }
    }
  }
};

}  // namespace

RuleEntry ml116_python_version_unknown() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<PythonVersionUnknown>()); }};
}

}  // namespace dockml::rules
