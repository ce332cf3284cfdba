// ML106 no-wheel-for-python: a pinned torch/torchvision/tensorflow/jax/jaxlib version has no
// wheel for the stage's Python (python:X.Y tags, the OS python3, or a Python the stage installs).
#include <fmt/format.h>

#include "analyzer/engine/rule.h"
#include "analyzer/model/image_model.h"
#include "rules/compat/compat_util.h"
#include "rules/compat/python_wheels.h"
#include "rules/compat/stage_python.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "ML106",
    .name = "no-wheel-for-python",
    .severity = Severity::kError,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "Pinned framework version has no wheel for the image's Python",
    .doc = R"md(## What it does
For every exact pin of `torch`, `torchvision`, `tensorflow`, `jax` or `jaxlib` (on a `pip`
command line or in a requirement file the stage installs), compares the Python versions the
release publishes wheels for (knowledge base) with the stage's Python: the version of a
`python:X.Y` base image, the OS `python3` of an Ubuntu/Debian-based image when the stage
installs `python3`, or a Python the stage installs (`apt-get install python3.X`, conda
`python=X.Y`, `uv python install`, `pyenv install`). A `pythonX.Y -m pip` command is judged
against that Python. When the stage's Python is unknown nothing is reported (see ML116).

## Why it matters
pip cannot find a matching file and stops with `ERROR: Could not find a version that satisfies
the requirement torch==1.13.1` / `No matching distribution found`. The message does not say
that the Python version is the reason, so people chase index URLs instead.

## Example
```dockerfile
FROM python:3.11-slim
RUN pip install torch==1.13.1
```

## Use instead
```dockerfile
FROM python:3.10-slim
RUN pip install torch==1.13.1
```

## Fix safety
No fix is offered: either the Python of the image or the framework version has to change.

## References
- PyTorch release matrix: pytorch/test-infra `generate_binary_build_matrix.py` history and the
  previous-versions page (pytorch.json S1, S2); torchvision compatibility table (pytorch.json S5)
- TensorFlow tested build configurations (tensorflow.json T1)
- JAX changelog: minimum Python per release (jax.json J2)
- Default python3 of Ubuntu/Debian releases, python:* image tags (python.json Y1-Y7)
- ../shared/knowledge/failures.md row 5
)md",
};

class NoWheelForPython final : public Rule {
 public:
  void finish(const FileContext& ctx, Reporter& out) override {
    if (!ctx.model || !ctx.kb) return;
    const ImageModel& m = *ctx.model;
    for (const StageModel& st : m.stages) {
      auto stage_py = compat::stage_python(m, st);
      for (const PythonPackage& pkg : st.python_packages) {
        if (pkg.uninstall) continue;
        auto range = compat::wheel_python_range(*ctx.kb, pkg.req);
        if (!range) continue;
        Version py;
        std::string py_words;
        Provenance py_from;
        if (auto own = compat::pip_python(pkg)) {
          py = *own;
          py_words = fmt::format("`{}` runs Python {}", pkg.tool, own->str());
        } else if (stage_py) {
          py = stage_py->version;
          py_words = stage_py->words;
          py_from = stage_py->from;
        } else {
          continue;
        }
        if (range->supports(py)) continue;
        Diagnostic& d = compat::report_at_package(
            out, ctx, st, pkg, pkg.req.ref,
            fmt::format("{} ({}) has no wheel for Python {}: {} {} publishes wheels for {}; {}",
                        compat::package_words(pkg.req), compat::package_where(pkg), py.truncated(2).str(),
                        range->package, range->version.str(), range->describe(), py_words),
            kMeta.severity);
        if (stage_py && !compat::pip_python(pkg) && stage_py->ref.source)
          d.labels.push_back(Label{stage_py->ref.source, stage_py->ref.span,
                                   fmt::format("Python {} comes from here", py.str())});
        compat::Evidence ev;
        ev.add(range->from).add(py_from);
        compat::apply_evidence(d, ev);
      }
    }
  }
};

}  // namespace

RuleEntry ml106_no_wheel_for_python() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<NoWheelForPython>()); }};
}

}  // namespace dockml::rules
