// ML110 tensorflow-gpu-package: `tensorflow-gpu` installed with pip. The package was removed
// from PyPI (new installs fail); `tensorflow` has included GPU support since 2.1.
#include <fmt/format.h>

#include "analyzer/engine/rule.h"
#include "rules/compat/compat_util.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "ML110",
    .name = "tensorflow-gpu-package",
    .severity = Severity::kError,
    .enabled_by_default = true,
    .fix = FixAvailability::kSometimes,
    .summary = "tensorflow-gpu was removed from PyPI: install tensorflow[and-cuda]",
    .doc = R"md(## What it does
Reports `tensorflow-gpu` installed with pip (command line, requirement files, the `pip:`
section of conda environment files). Unpinned or range-pinned it is an error: pip picks the
newest `tensorflow-gpu`, an empty package whose installation fails. Pinned to an old release
(2.1 or later) it is a warning: those releases still download but get no updates, and
`tensorflow` of the same version has the same GPU support. `tensorflow-gpu` pins before 2.1
are not reported (the CPU and GPU builds were separate packages then), nor are wheels
installed from a URL (builds of their own, not PyPI's package). Conda's
`tensorflow-gpu` is a different, existing package and is not reported.

## Why it matters
Since December 2022 a new `tensorflow-gpu` install fails with "The "tensorflow-gpu" package has
been removed! Please install "tensorflow" instead.". The `tensorflow` wheel has included GPU
support since 2.1; `tensorflow[and-cuda]` also installs the CUDA libraries as pip wheels.

## Example
```dockerfile
RUN pip install tensorflow-gpu
```

## Use instead
```dockerfile
RUN pip install "tensorflow[and-cuda]"
```

## Fix safety
The fix replaces `tensorflow-gpu` with `tensorflow[and-cuda]` (unpinned, ranges, and pins of
2.14 or later) or with `tensorflow` (pins from 2.1 to 2.13, which predate the extra); it is
unsafe because the installed package changes.

## References
- tensorflow-gpu removal notice: opendatahub-io/notebooks#42 and dionhaefner/pyhpc-benchmarks#17
  (knowledge base `tensorflow.json`, sources T4, T5)
- `tensorflow[and-cuda]` and GPU support in `tensorflow`: tensorflow/docs
  `site/en/install/pip.md` (T2)
)md",
};

// True when the word holding `span` is quoted (a quote right before the name).
bool inside_quotes(const SourceFile& src, Span span) {
  if (span.begin == 0) return false;
  char c = src.text()[span.begin - 1];
  return c == '"' || c == '\'';
}

class TensorflowGpuPackage final : public Rule {
 public:
  void finish(const FileContext& ctx, Reporter& out) override {
    if (!ctx.model || !ctx.kb) return;
    // Most files install no tensorflow-gpu: they need not parse tensorflow.json for its facts.
    bool any = false;
    for (const StageModel& st : ctx.model->stages) {
      for (const PythonPackage& p : st.python_packages) any = any || p.req.name == "tensorflow-gpu";
    }
    if (!any) return;
    auto removed = ctx.kb->tf_fact("tensorflow_gpu_removed");
    auto gpu_since = ctx.kb->tf_fact("gpu_in_tensorflow_since");
    auto and_cuda_first = ctx.kb->tf_fact("and_cuda_first");
    if (!removed || !removed->from.confirmed) return;
    std::optional<Version> since = gpu_since ? Version::parse(gpu_since->value) : std::nullopt;
    std::optional<Version> extra_from = and_cuda_first ? Version::parse(and_cuda_first->value) : std::nullopt;
    for (const StageModel& st : ctx.model->stages) {
      for (const PythonPackage& p : st.python_packages) {
        if (p.uninstall || p.req.name != "tensorflow-gpu") continue;
        if (!p.req.url.empty()) continue;  // a wheel from a URL (own build), not PyPI's package
        std::optional<Version> pin;
        if (p.req.exact_version) pin = Version::parse(*p.req.exact_version);
        if (p.req.exact_version && !pin) continue;  // unparsable pin: unknown
        if (pin && (!since || *pin < *since)) continue;
        std::string what = compat::package_words(p.req);
        std::string message;
        Severity sev = kMeta.severity;
        if (pin) {
          message = fmt::format(
              "{}: tensorflow-gpu was removed from PyPI (old releases still download but get no "
              "updates); tensorflow {} includes the same GPU support",
              what, pin->str());
          sev = Severity::kWarning;
        } else {
          message = fmt::format(
              "{}: tensorflow-gpu was removed from PyPI and its newest release fails to install; "
              "install tensorflow[and-cuda] instead",
              what);
        }
        Diagnostic& d = compat::report_at_package(out, ctx, st, p, p.req.ref, std::move(message), sev);
        compat::Evidence ev;
        ev.add(removed->from);
        compat::apply_evidence(d, ev);
        if (!p.req.extras.empty() || !p.req.name_ref.source || d.source != p.req.name_ref.source) continue;
        bool use_extra = !pin || (extra_from && *pin >= *extra_from);
        std::string repl = use_extra ? "tensorflow[and-cuda]" : "tensorflow";
        std::string text = repl;
        // In a RUN, quote the extra so the shell does not treat [...] as a glob.
        if (use_extra && d.source == ctx.source && !inside_quotes(*d.source, p.req.name_ref.span))
          text = "\"" + repl + "\"";
        d.fix = Fix{Applicability::kUnsafe, fmt::format("Install {} instead of tensorflow-gpu", repl),
                    {Edit{p.req.name_ref.span, text}}};
      }
    }
  }
};

}  // namespace

RuleEntry ml110_tensorflow_gpu_package() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<TensorflowGpuPackage>()); }};
}

}  // namespace dockml::rules
