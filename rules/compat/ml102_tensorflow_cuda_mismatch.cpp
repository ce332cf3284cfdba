// ML102 tensorflow-cuda-mismatch: plain `tensorflow` (which uses the system CUDA libraries)
// whose tested CUDA has another major than the image's CUDA.
#include <fmt/format.h>

#include "analyzer/engine/rule.h"
#include "rules/compat/compat_util.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "ML102",
    .name = "tensorflow-cuda-mismatch",
    .severity = Severity::kError,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "TensorFlow's tested CUDA major differs from the CUDA of the image",
    .doc = R"md(## What it does
For a pinned `tensorflow` installed without the `[and-cuda]` extra, looks up the CUDA version
that TensorFlow release was built and tested with (TensorFlow's "tested build
configurations" table) and reports when its major differs from the CUDA of the stage's image
(base image, or a CUDA toolkit installed in the stage). Each stage is judged on its own base.
Patch releases not listed in the table are answered from their minor's row; such answers are
unconfirmed and only reported as information.

## Why it matters
The plain `tensorflow` wheel uses the CUDA and cuDNN libraries of the system (only
`tensorflow[and-cuda]` brings its own as NVIDIA pip wheels), so it needs the CUDA major it
was built with. The CUDA libraries of another major have other file names, are not found,
and TensorFlow runs without the GPU.

## Example
```dockerfile
FROM nvidia/cuda:11.8.0-cudnn8-runtime-ubuntu22.04
RUN pip install tensorflow==2.15.0
```

## Use instead
```dockerfile
FROM nvidia/cuda:12.2.2-cudnn8-runtime-ubuntu22.04
RUN pip install tensorflow==2.15.0
```
or `pip install "tensorflow[and-cuda]==2.15.0"`, which brings its own CUDA libraries.

## Fix safety
No fix is offered: the right choice (another base image, another TensorFlow, or
`tensorflow[and-cuda]`) depends on the project.

## References
- TensorFlow tested build configurations (Linux GPU): tensorflow/docs
  `site/en/install/source.md` (knowledge base `tensorflow.json`, source T1)
- `tensorflow[and-cuda]`: tensorflow/docs `site/en/install/pip.md` (T2)
)md",
};

class TensorflowCudaMismatch final : public Rule {
 public:
  void finish(const FileContext& ctx, Reporter& out) override {
    if (!ctx.model || !ctx.kb) return;
    for (const StageModel& st : ctx.model->stages) {
      auto cuda = compat::stage_cuda(*ctx.model, st);
      if (!cuda) continue;
      for (const FrameworkVariant& f : st.frameworks) {
        if (f.package != "tensorflow" || f.variant == "and-cuda" || !f.cuda || !f.version) continue;
        if (f.cuda->major() == cuda->version.major() || compat::already_satisfied_by_base(st, f)) continue;
        auto tested = ctx.kb->tf_tested(*f.version);
        if (!tested) continue;
        const PythonPackage* pkg = compat::package_of(st, f);
        if (!pkg) continue;
        std::string message = fmt::format(
            "tensorflow {} was built and tested with CUDA {} and cuDNN {} but {}", f.version->str(),
            tested->cuda.str(), tested->cudnn.str(), cuda->words);
        Diagnostic& d = compat::report_at_package(out, ctx, st, *pkg, f.ref, std::move(message),
                                                  kMeta.severity);
        compat::add_cuda_label(d, *cuda);
        d.notes.push_back(fmt::format(
            "plain tensorflow uses the system's CUDA {} libraries; tensorflow[and-cuda] brings its own",
            tested->cuda.major()));
        if (!tested->exact)
          d.notes.push_back(fmt::format("tensorflow {} is not listed; the row of {} was used",
                                        f.version->str(), tested->version.str()));
        compat::Evidence ev;
        ev.add(cuda->from).add(tested->from);
        if (!tested->exact) {
          Provenance p = tested->from;
          p.confirmed = false;
          if (p.sources.empty()) p.sources = {"tensorflow:T1"};
          ev.add(p);
        }
        compat::apply_evidence(d, ev);
      }
    }
  }
};

}  // namespace

RuleEntry ml102_tensorflow_cuda_mismatch() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<TensorflowCudaMismatch>()); }};
}

}  // namespace dockml::rules
