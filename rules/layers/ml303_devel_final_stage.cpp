// ML303 devel-final-stage: the final stage runs on a CUDA `devel` image although nothing in it
// (or in the stages it is built FROM) compiles CUDA code.
#include <optional>
#include <string>
#include <string_view>

#include <re2/re2.h>

#include "analyzer/engine/rule.h"
#include "analyzer/model/image_model.h"
#include "rules/regex_gate.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "ML303",
    .name = "devel-final-stage",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kSometimes,
    .summary = "the final stage runs on a CUDA devel image although nothing in it compiles CUDA code",
    .doc = R"md(## What it does
Reports the `FROM` of the final stage when it runs on a CUDA `devel` image
(`nvidia/cuda:*-devel-*`, `*-cudnn-devel-*`, `pytorch/pytorch:*-devel`) and nothing in that
stage, nor in the stages it is built `FROM`, compiles CUDA code (the image model's CUDA
builds: `nvcc` calls, source builds of CUDA extensions such as flash-attn or apex,
`TORCH_CUDA_ARCH_LIST`-driven builds, ...), builds software (a build tool runs: `make`,
`cmake`, `ninja`, `bazel`, `nvcc`, a compiler, `python setup.py`, `pip wheel`, a local or
`--no-build-isolation` pip install; CUDA development packages such as `libnccl-dev` are
installed; a CUDA architecture list such as `TORCH_CUDA_ARCH_LIST` or
`CMAKE_CUDA_ARCHITECTURES` is set; a compiler toolchain is installed: `build-essential`,
`cmake`, `ninja-build`, `gcc`, `clang`, pip `cmake`/`ninja`; a `*.sh` script runs, whose
content the model cannot see: development and CI images) or installs a package that the knowledge base
says needs nvcc (`rules/kb/wheels.json` add-ons: DeepSpeed JIT-builds its ops at run time,
flash-attn, apex, mamba-ssm, ...; also when such a package comes from a stage copied in with
`COPY --from`). Stages whose base comes from a variable of
unknown value are not judged.

## Why it matters
The devel flavor adds the CUDA compiler, headers and static libraries to the runtime
libraries: about 3 to 5 GB more than `runtime`. If nothing is compiled, none of it is used,
and every pull, node and registry pays for it. When something must be compiled, a
multi-stage build compiles in a devel stage and copies the result into a `runtime` final
stage.

## Example
```dockerfile
FROM nvidia/cuda:12.1.1-cudnn8-devel-ubuntu22.04
RUN pip install --no-cache-dir torch==2.3.1
CMD ["python3", "serve.py"]
```

## Use instead
```dockerfile
FROM nvidia/cuda:12.1.1-cudnn8-runtime-ubuntu22.04
RUN pip install --no-cache-dir torch==2.3.1
CMD ["python3", "serve.py"]
```

## Fix safety
An unsafe fix replaces `devel` with `runtime` in the tag when the tag is written literally
in the FROM line: it changes what the image contains (no nvcc, no CUDA headers), which
breaks anything that compiles CUDA code at run time (JIT-built extensions) that the model
cannot see.

## References
- NVIDIA, nvidia/cuda image flavors (base, runtime, devel): https://hub.docker.com/r/nvidia/cuda
- pytorch/pytorch tags (`-runtime` and `-devel`): https://hub.docker.com/r/pytorch/pytorch
- rules/kb/cuda.json (flavors and what they ship)
)md",
};

// The stage builds software (a development or CI image, or a build the model cannot see into):
// a build tool runs (make, cmake, ninja, bazel, nvcc, `python setup.py`, `pip wheel`, a local
// or --no-build-isolation pip install), CUDA development packages are installed (libnccl-dev,
// cuda-nvcc-12-1, ...) or a CUDA architecture list for builds is set.
bool builds_code(const FileContext& ctx, const StageModel& s) {
  const ImageModel& m = *ctx.model;
  // The literal checks hold for every name the patterns match: the patterns are compiled only
  // for the names that pass them.
  auto dev_package = [](std::string_view name) {
    if (!may_contain_folded(name, {"-dev", "cuda-"})) return false;
    static const RE2 kDevPkg("(?i)^(?:lib)?(?:cuda|nccl|cudnn|cutensor|cublas|cusparse|cufft|curand|cusolver|nvinfer|npp)[^ ]*-dev(?:el)?(?:$|[-=:])|^cuda-(?:toolkit|nvcc|compiler|libraries-dev|minimal-build)");
    return RE2::PartialMatch(name, kDevPkg);
  };
  auto toolchain = [](std::string_view name) {
    if (!may_contain_folded(name, {"build-essential", "cmake", "ninja-build", "gcc", "g++", "clang", "devtoolset-"})) return false;
    static const RE2 kToolchain("(?i)^(?:build-essential|cmake|cmake3|ninja-build|gcc|g\\+\\+|clang|gcc-\\d+|g\\+\\+-\\d+|clang-\\d+|devtoolset-.*|gcc-toolset-.*)$");
    return RE2::FullMatch(name, kToolchain);
  };
  for (const SystemPackage& p : s.system_packages)
    if (dev_package(p.name) || toolchain(p.name)) return true;
  for (const PythonPackage& p : s.python_packages)
    if (!p.uninstall && (p.req.name == "cmake" || p.req.name == "ninja")) return true;
  for (size_t i = s.begin; i < s.end && ctx.dockerfile != nullptr && i < ctx.dockerfile->instructions.size(); ++i) {
    const Instruction& inst = ctx.dockerfile->instructions[i];
    if (inst.kind == InstructionKind::kEnv || inst.kind == InstructionKind::kArg) {
      static const RE2 kArch("TORCH_CUDA_ARCH_LIST|CUDA_DOCKER_ARCH|CMAKE_CUDA_ARCHITECTURES|TCNN_CUDA_ARCHITECTURES|CUDA_ARCH_LIST|FORCE_CUDA|GGML_CUDA|CUDAARCHS");
      for (const KeyValue& kv : inst.pairs)
        if (RE2::FullMatch(kv.key.text, kArch)) return true;
    }
    const RunAnalysis* run = m.run_at(i);
    if (run == nullptr) continue;
    for (const PipInstall& p : run->facts.pip) {
      if (p.subcommand == "wheel" || p.options.no_build_isolation) return true;
      for (const PipRequirement& r : p.requirements)
        if (!r.url.empty() && !r.vcs && r.url.find("://") == std::string::npos && !r.url.ends_with(".whl")) return true;
    }
    for (const shell::ShellCommand& c : run->script.commands) {
      std::string_view n = c.name();
      if (n == "make" || n == "cmake" || n == "ninja" || n == "nvcc" || n == "bazel" || n == "bazelisk" || n == "meson" ||
          n == "scons" || n == "gcc" || n == "g++" || n == "cc" || n == "c++")
        return true;
      if (n.starts_with("python") && c.arg_count() >= 2 && c.arg(0).value.ends_with("setup.py")) return true;
      // A script whose content the model cannot see (CI images run install/*.sh): unknown.
      if (n.ends_with(".sh") || ((n == "bash" || n == "sh") && c.arg_count() > 0 && c.arg(0).value.ends_with(".sh")))
        return true;
    }
  }
  return false;
}

// The stage compiles CUDA code, or installs a package the KB says needs nvcc (at install or
// run time: DeepSpeed JIT-builds its ops when first used).
bool needs_nvcc(const FileContext& ctx, const StageModel& s) {
  if (s.compiles_cuda()) return true;
  if (ctx.kb != nullptr) {
    for (const PythonPackage& p : s.python_packages) {
      if (p.uninstall) continue;
      if (std::optional<AddonFacts> a = ctx.kb->addon(p.req.name); a && a->needs_nvcc) return true;
    }
  }
  return builds_code(ctx, s);
}

// A stage COPY --from'd into `s` installed a package that needs nvcc (DeepSpeed copied with a
// whole conda environment still JIT-builds its ops in the final image).
bool copied_needs_nvcc(const FileContext& ctx, const StageModel& s) {
  if (ctx.kb == nullptr) return false;
  for (const CopyEdge& e : s.copies) {
    if (!e.from_stage || *e.from_stage >= ctx.model->stages.size()) continue;
    for (const PythonPackage& p : ctx.model->stages[*e.from_stage].python_packages) {
      if (p.uninstall) continue;
      if (std::optional<AddonFacts> a = ctx.kb->addon(p.req.name); a && a->needs_nvcc) return true;
    }
  }
  return false;
}

class DevelFinalStage final : public Rule {
 public:
  void finish(const FileContext& ctx, Reporter& out) override {
    if (ctx.model == nullptr || !ctx.model->final_stage) return;
    const ImageModel& m = *ctx.model;
    const StageModel& fin = m.stages[*ctx.model->final_stage];
    const StageModel* root = &fin;
    bool compiles = needs_nvcc(ctx, fin) || copied_needs_nvcc(ctx, fin);
    while (root->parent) {
      root = &m.stages[*root->parent];
      compiles = compiles || needs_nvcc(ctx, *root) || copied_needs_nvcc(ctx, *root);
    }
    const ImageFacts& f = fin.facts;
    if (compiles || !root->base_ref || !root->base_exact) return;
    if (f.family != ImageFamily::kNvidiaCuda && f.family != ImageFamily::kPytorch) return;
    if (f.flavor.find("devel") == std::string::npos) return;
    std::string image = root->base_ref->familiar();
    std::string runtime_tag = root->base_ref->tag;
    static const RE2 kDevel("devel");
    RE2::Replace(&runtime_tag, kDevel, "runtime");
    Diagnostic& d = out.report(
        root->base_span, "the final image runs on " + image + " (CUDA " + f.flavor +
                             " flavor: nvcc, headers, static libraries) but nothing in it compiles CUDA code; a `runtime` " +
                             "base (tag " + runtime_tag + ") is gigabytes smaller");
    if (root != &fin) d.labels.push_back({ctx.source, fin.base_span, "final stage"});
    // Unsafe fix: only when the FROM word spells the tag literally.
    const std::string& raw = root->base_raw;
    size_t at = raw.rfind("devel");
    if (raw.find('$') == std::string::npos && at != std::string::npos && raw.find("devel") == at &&
        root->base_span.size() == raw.size()) {
      uint32_t b = root->base_span.begin + static_cast<uint32_t>(at);
      d.fix = Fix{Applicability::kUnsafe, "Use the runtime flavor (" + runtime_tag + ")", {Edit{Span{b, b + 5}, "runtime"}}};
    }
  }
};

}  // namespace

RuleEntry ml303_devel_final_stage() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<DevelFinalStage>()); }};
}

}  // namespace dockml::rules
