// ML101 torch-cuda-mismatch: torch's CUDA variant has another CUDA major than the image's
// CUDA (or another minor when the stage compiles CUDA extensions against that torch).
#include <fmt/format.h>

#include "analyzer/engine/rule.h"
#include "rules/compat/compat_util.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "ML101",
    .name = "torch-cuda-mismatch",
    .severity = Severity::kError,
    .enabled_by_default = true,
    .fix = FixAvailability::kSometimes,
    .summary = "torch's CUDA variant does not match the CUDA of the image",
    .doc = R"md(## What it does
Compares the CUDA variant of the torch wheel a stage installs with the CUDA of the stage's
image (the CUDA of its base image, or of a CUDA toolkit installed in the stage). The variant
comes from the local version label (`torch==2.1.0+cu118`), the index URL
(`--index-url https://download.pytorch.org/whl/cu121`), conda's `pytorch-cuda=12.1`, or, for
a plain `pip install torch==X`, the CUDA build PyPI serves for that version (e.g. CUDA 12.1
for torch 2.1-2.4, 12.4 for 2.5-2.6, 12.6 for 2.7, 12.8 for 2.8-2.10). It reports:

- a different CUDA **major** (an error when torch's CUDA is newer than the image's, a
  warning when it is older);
- a different **minor** as well when the stage compiles CUDA code (source builds of
  flash-attn, apex, xformers, ...), since those builds use the image's `nvcc` and link
  against torch (a warning: `torch.utils.cpp_extension` only logs a minor mismatch; a major
  mismatch in such a stage is an error).

uv's torch backend (`--torch-backend=cu121` or `UV_TORCH_BACKEND` on a `uv pip install`)
names the variant like an index URL does (uv then ignores the index URLs for PyTorch
packages); `auto`, chosen on the build machine, is unknown and skipped.

Each stage is judged on its own base image. Unknown images and unpinned torch are skipped, and
so is a pin that the torch of the base image already satisfies (`pip install torch==2.1.0`
on `pytorch/pytorch:2.1.0-...` installs nothing).

## Why it matters
`torch.utils.cpp_extension` refuses to build an extension when the local `nvcc` has another
CUDA major than `torch.version.cuda` ("The detected CUDA version (12.1) mismatches the version
that was used to compile PyTorch (11.8)"). A torch whose CUDA is newer than the image's also
needs a newer driver than the image declares (`NVIDIA_REQUIRE_CUDA`), and mixes two CUDA
runtimes in one process.

## Example
```dockerfile
FROM nvidia/cuda:11.8.0-devel-ubuntu22.04
RUN pip install torch==2.1.0 --index-url https://download.pytorch.org/whl/cu121
```

## Use instead
```dockerfile
FROM nvidia/cuda:11.8.0-devel-ubuntu22.04
RUN pip install torch==2.1.0 --index-url https://download.pytorch.org/whl/cu118
```

## Fix safety
When torch publishes a wheel for the image's CUDA (same major and minor, else the newest
older minor of the same major) the fix switches the index URL (and the `+cuXYZ` label) to
it; it is unsafe because it changes the installed binaries. Otherwise a display-only fix
suggests an `nvidia/cuda` base tag with torch's CUDA.

## References
- torch wheel variants and PyPI default CUDA per release: pytorch/pytorch.github.io
  `_get_started/previous-versions.md`, pytorch/test-infra `generate_binary_build_matrix.py`
  (knowledge base `pytorch.json`, sources S1-S2a)
- CUDA major check of extension builds: pytorch/pytorch `torch/utils/cpp_extension.py`
  (`CUDA_MISMATCH_MESSAGE`)
- `nvidia/cuda` tags: knowledge base `images.json`
)md",
};

class TorchCudaMismatch final : public Rule {
 public:
  void finish(const FileContext& ctx, Reporter& out) override {
    if (!ctx.model || !ctx.kb) return;
    for (const StageModel& st : ctx.model->stages) check_stage(ctx, st, out);
  }

 private:
  void check_stage(const FileContext& ctx, const StageModel& st, Reporter& out) {
    auto cuda = compat::stage_cuda(*ctx.model, st);
    if (!cuda) return;
    for (const FrameworkVariant& f : st.frameworks) {
      if (f.package != "torch" && f.package != "pytorch") continue;
      if (!f.cuda || compat::already_satisfied_by_base(st, f)) continue;
      const Version image = cuda->version.truncated(2);
      const Version torch = f.cuda->truncated(2);
      bool major_differs = torch.major() != image.major();
      // A minor is known only when the image's CUDA names one (apt cuda-toolkit-12 does not).
      bool minor_differs = cuda->version.size() >= 2 && torch != image;
      if (!major_differs && !(minor_differs && st.compiles_cuda())) continue;
      bool newer = torch > image;
      // A minor-only difference in an extension build is a warning: cpp_extension only logs it.
      Severity sev = major_differs && (newer || st.compiles_cuda()) ? Severity::kError : Severity::kWarning;
      std::string message = fmt::format("{} ships CUDA {} ({}) but {}", compat::framework_words(f),
                                        torch.str(), compat::variant_origin_words(f), cuda->words);
      if (st.compiles_cuda()) message += "; the stage compiles CUDA code against it";
      const PythonPackage* pkg = compat::package_of(st, f);
      Diagnostic* d = nullptr;
      if (pkg) {
        d = &compat::report_at_package(out, ctx, st, *pkg, f.ref, std::move(message), sev);
      } else {
        SourcePtr src = f.ref.source ? f.ref.source : ctx.source;
        d = &out.report_in(src, f.ref.span, std::move(message));
        d->severity = sev;
      }
      compat::add_cuda_label(*d, *cuda);
      if (st.compiles_cuda()) {
        const CudaBuild& b = st.cuda_builds.front();
        SourcePtr bsrc = b.ref.source ? b.ref.source : ctx.source;
        d->labels.push_back(Label{bsrc, b.ref.span, fmt::format("{}: built with the image's nvcc", b.reason)});
        d->notes.push_back(
            "torch.utils.cpp_extension refuses to build when nvcc's CUDA major differs from "
            "torch.version.cuda, and a minor difference links the extension against another CUDA");
      }
      compat::Evidence ev;
      ev.add(cuda->from).add(f.from);
      compat::apply_evidence(*d, ev);
      add_fix(ctx, st, f, pkg, *cuda, *d);
    }
  }

  void add_fix(const FileContext& ctx, const StageModel& st, const FrameworkVariant& f,
               const PythonPackage* pkg, const compat::StageCuda& cuda, Diagnostic& d) {
    const Version image = cuda.version.truncated(2);
    std::optional<TorchRelease> rel;
    if (f.version) rel = ctx.kb->torch_release(*f.version);
    std::string want = rel ? compat::matching_torch_variant(*rel, image) : std::string();
    if (want == f.variant) want.clear();  // already the closest build: only the base can change
    // uv's torch backend overrides pins and index URLs: only the base image is suggested.
    if (!want.empty() && pkg && rel->from.confirmed && pkg->requirement_file.empty() &&
        d.source == ctx.source && f.origin != "uv torch backend") {
      std::vector<Edit> edits;
      bool ok = true;
      // The +cuXYZ label of the pin.
      if (!pkg->req.local_label.empty()) {
        std::string needle = "+" + pkg->req.local_label;
        auto s = compat::find_in_command(*ctx.model, pkg->run_instruction, pkg->req.ref, needle);
        if (s) edits.push_back({*s, "+" + want});
        else ok = false;
      }
      // The index URL of the command.
      bool has_url = false;
      for (const auto* urls : {&pkg->options.index_urls, &pkg->options.extra_index_urls, &pkg->options.find_links}) {
        for (const std::string& u : *urls) {
          size_t at = u.find("/whl/cu");
          if (at == std::string::npos) continue;
          size_t end = u.find_first_of("/?#", at + 5);
          std::string seg = u.substr(at, end == std::string::npos ? std::string::npos : end - at);
          auto s = compat::find_in_command(*ctx.model, pkg->run_instruction, pkg->command, seg);
          if (!s) {
            ok = false;
            continue;
          }
          has_url = true;
          edits.push_back({*s, "/whl/" + want});
        }
      }
      if (!has_url && ok) {
        // Plain PyPI torch: add the index after the requirement when the command installs
        // only PyTorch packages (other packages would not be found on that index).
        ok = only_torch_packages(ctx, *pkg) && pkg->req.ref.source == ctx.source;
        if (ok) edits.push_back({Span{pkg->req.ref.span.end, pkg->req.ref.span.end},
                                 " --index-url " + compat::torch_index_url(want)});
      }
      if (ok && !edits.empty()) {
        d.fix = Fix{Applicability::kUnsafe,
                    fmt::format("Install the {} build of torch {} (matches CUDA {})", want,
                                f.version->release_string(), image.str()),
                    std::move(edits)};
        return;
      }
    }
    // Display-only: a base image with torch's CUDA.
    std::string base = compat::suggest_cuda_base(*ctx.model, st, *ctx.kb, *f.cuda);
    if (base.empty()) return;
    const StageModel& root = compat::root_stage(*ctx.model, st);
    std::string title = fmt::format("Use a base image with CUDA {}: {}", f.cuda->truncated(2).str(), base);
    if (d.source != ctx.source) {
      d.notes.push_back(title);  // the diagnostic points into a requirement file
      return;
    }
    d.fix = Fix{Applicability::kDisplay, std::move(title), {Edit{root.base_span, base}}};
  }

  static bool only_torch_packages(const FileContext& ctx, const PythonPackage& pkg) {
    const StageModel* st = ctx.model->stage_of(pkg.run_instruction);
    if (!st) return false;
    for (const PythonPackage& p : st->python_packages) {
      if (p.run_instruction != pkg.run_instruction || p.command.span != pkg.command.span) continue;
      if (!p.requirement_file.empty()) return false;
      if (p.req.name != "torch" && p.req.name != "torchvision" && p.req.name != "torchaudio") return false;
    }
    return true;
  }
};

}  // namespace

RuleEntry ml101_torch_cuda_mismatch() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<TorchCudaMismatch>()); }};
}

}  // namespace dockml::rules
