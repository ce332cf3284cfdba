// ML107 cuda-arch-unsupported: GPU architectures in TORCH_CUDA_ARCH_LIST,
// CMAKE_CUDA_ARCHITECTURES or nvcc -gencode/-arch flags that the stage's CUDA toolkit cannot
// compile (too new for it, or dropped by it), per the knowledge base's architecture table.
#include <fmt/format.h>

#include <cctype>

#include <set>

#include "analyzer/engine/rule.h"
#include "analyzer/model/image_model.h"
#include "rules/compat/arch_values.h"
#include "rules/compat/compat_util.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "ML107",
    .name = "cuda-arch-unsupported",
    .severity = Severity::kError,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "GPU architecture the stage's CUDA toolkit cannot compile for",
    .doc = R"md(## What it does
Reads the GPU architectures a stage asks its CUDA compiler for: `TORCH_CUDA_ARCH_LIST`
(`ENV`, `ARG`, or in a `RUN`: a `VAR=... cmd` or `env VAR=... cmd` prefix, `export VAR=...`,
`declare -x VAR=...`), `CMAKE_CUDA_ARCHITECTURES`
(also `-DCMAKE_CUDA_ARCHITECTURES=` on a cmake command line), `TCNN_CUDA_ARCHITECTURES`, and
nvcc's `-gencode arch=compute_XY,code=sm_XY` / `-arch=sm_XY` flags. Each architecture is
checked against the CUDA of the stage (its base image, or a toolkit installed in the stage):
it is reported when that toolkit is older than the first one supporting the architecture
(compute capability 8.9 and 9.0 need CUDA 11.8, 10.0 and 12.0 need CUDA 12.8) or when the
toolkit's major version dropped it (Kepler 3.5/3.7 after CUDA 11, Maxwell, Pascal and Volta
after CUDA 12). Architectures or toolkits the knowledge base does not know are skipped.

## Why it matters
nvcc stops with `nvcc fatal : Unsupported gpu architecture 'compute_90'`, after the image has
already spent minutes installing dependencies. PyTorch extension builds fail the same way
through `torch.utils.cpp_extension`.

## Example
```dockerfile
FROM nvidia/cuda:11.7.1-devel-ubuntu22.04
ENV TORCH_CUDA_ARCH_LIST="8.0 8.6 9.0"
```

## Use instead
```dockerfile
FROM nvidia/cuda:11.8.0-devel-ubuntu22.04
ENV TORCH_CUDA_ARCH_LIST="8.0 8.6 9.0"
```

## Fix safety
No fix is offered: either the base image's CUDA or the architecture list has to change, and
which one depends on the GPUs you target.

## References
- NVIDIA CUDA Toolkit, Driver and Architecture Matrix (cuda.json K6)
- CUDA 11.0/12.0 deprecations (cuFFT deprecated functionality, cuda.json K8); CMake's CUDA
  architecture lists per toolkit (cuda.json K9)
- Maxwell/Pascal/Volta offline compilation removed in CUDA 13 (pytorch/pytorch#157517, cuda.json
  K10; NVIDIA/cuDecomp#97, cuda.json K11)
)md",
};

enum class Syntax { kTorch, kCmake, kNvcc };

bool arch_variable(std::string_view name, Syntax& syntax) {
  if (name == "TORCH_CUDA_ARCH_LIST") {
    syntax = Syntax::kTorch;
    return true;
  }
  if (name == "CMAKE_CUDA_ARCHITECTURES" || name == "TCNN_CUDA_ARCHITECTURES" ||
      name == "CUDAARCHS") {
    syntax = Syntax::kCmake;
    return true;
  }
  return false;
}

std::vector<compat::ArchToken> tokens_of(Syntax s, std::string_view value) {
  switch (s) {
    case Syntax::kTorch: return compat::torch_arch_tokens(value);
    case Syntax::kCmake: return compat::cmake_arch_tokens(value);
    case Syntax::kNvcc: return compat::nvcc_arch_tokens(value);
  }
  return {};
}

class CudaArchUnsupported final : public Rule {
 public:
  void finish(const FileContext& ctx, Reporter& out) override {
    if (!ctx.model || !ctx.kb) return;
    const ImageModel& m = *ctx.model;
    // ENV / ARG definitions.
    for (const VarBinding& b : m.scope.bindings()) {
      if (b.instruction == kNoInstruction || !b.known || b.span.empty()) continue;
      auto s = m.scope.stage_of(b.instruction);
      if (!s || *s >= m.stages.size()) continue;
      Syntax syntax = Syntax::kNvcc;
      if (!arch_variable(b.name, syntax) && b.origin != VarBinding::Origin::kEnv) continue;
      std::string_view pair = ctx.source->text().substr(b.span.begin, b.span.size());
      for (const compat::ArchToken& t : tokens_of(syntax, b.value)) {
        Span at = b.span;
        if (size_t pos = find_token(pair, t.text); pos != std::string_view::npos)
          at = Span{b.span.begin + static_cast<uint32_t>(pos),
                    b.span.begin + static_cast<uint32_t>(pos + t.text.size())};
        check(ctx, m.stages[*s], t, at, label_for(syntax, b.name), out);
      }
    }
    // RUN commands: exports (`export X=...`, `declare -x`), then each command's environment
    // (`X=... cmd`, `env X=... cmd`) and arguments.
    for (const RunAnalysis& run : m.run_list) {
      if (!run.stage || *run.stage >= m.stages.size()) continue;
      const StageModel& st = m.stages[*run.stage];
      for (const shell::ShellExport& e : run.script.exports) scan_assignment(ctx, run, st, e.word, out);
      for (const shell::ShellCommand& c : run.script.commands) {
        for (const shell::ShellWord* w : run.script.environment_of(c)) scan_assignment(ctx, run, st, *w, out);
        std::string_view name = c.name();
        for (size_t i = 0; i < c.arg_count(); ++i) {
          const shell::ShellWord& w = c.arg(i);
          if (!w.is_static) continue;
          if (name == "env") {
            scan_assignment(ctx, run, st, w, out);
          } else if (w.value.starts_with("-DCMAKE_CUDA_ARCHITECTURES")) {
            size_t eq = w.value.find('=');
            if (eq == std::string::npos) continue;
            scan_value(ctx, run, st, w, eq + 1, Syntax::kCmake, "CMAKE_CUDA_ARCHITECTURES", out);
          } else {
            scan_value(ctx, run, st, w, 0, Syntax::kNvcc, label_for(Syntax::kNvcc, ""), out);
          }
        }
      }
    }
  }

 private:
  static std::string label_for(Syntax s, std::string_view name) {
    if (s == Syntax::kNvcc) return "an nvcc -gencode/-arch flag";
    return std::string(name);
  }

  // Position of `tok` in `text` as a whole token (not inside a longer number).
  static size_t find_token(std::string_view text, std::string_view tok) {
    size_t from = 0;
    while (true) {
      size_t p = text.find(tok, from);
      if (p == std::string_view::npos) return p;
      auto digitish = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || c == '.'; };
      bool left = p == 0 || !digitish(text[p - 1]);
      bool right = p + tok.size() >= text.size() || !digitish(text[p + tok.size()]);
      if (left && right) return p;
      from = p + 1;
    }
  }

  // `NAME=value` (a prefix assignment or an `env`/`export` argument), read from the raw text
  // so quoted values work; values with expansions are skipped.
  void scan_assignment(const FileContext& ctx, const RunAnalysis& run, const StageModel& st,
                       const shell::ShellWord& w, Reporter& out) {
    std::string_view raw = w.raw;
    size_t eq = raw.find('=');
    if (eq == std::string_view::npos) return;
    Syntax syntax = Syntax::kNvcc;
    std::string name(raw.substr(0, eq));
    if (!arch_variable(name, syntax)) syntax = Syntax::kNvcc;
    std::string_view value = raw.substr(eq + 1);
    size_t off = eq + 1;
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front()) {
      value = value.substr(1, value.size() - 2);
      off += 1;
    }
    if (value.find_first_of("$`\\\"'") != std::string_view::npos) return;
    for (const compat::ArchToken& t : tokens_of(syntax, value)) {
      Span at = w.span;
      if (w.span.size() == raw.size()) {
        uint32_t b = w.span.begin + static_cast<uint32_t>(off + t.offset);
        at = Span{b, b + static_cast<uint32_t>(t.text.size())};
      }
      check(ctx, st, t, at, label_for(syntax, name), out);
    }
    (void)run;
  }

  void scan_value(const FileContext& ctx, const RunAnalysis& run, const StageModel& st,
                  const shell::ShellWord& w, size_t from, Syntax syntax, const std::string& label,
                  Reporter& out) {
    std::string_view value = std::string_view(w.value).substr(from);
    std::set<std::string> seen_sm;  // `arch=compute_90,code=sm_90` is one request
    for (const compat::ArchToken& t : tokens_of(syntax, value)) {
      if (!seen_sm.insert(t.sm.str()).second) continue;
      uint32_t b = static_cast<uint32_t>(from + t.offset);
      Span at = run.script.value_span(w, b, b + static_cast<uint32_t>(t.text.size()));
      if (at == w.span && w.span.size() == w.raw.size()) {
        // Quoted parts: find the token in the raw text, which maps 1:1 to the source.
        if (size_t pos = find_token(w.raw, t.text); pos != std::string::npos)
          at = Span{w.span.begin + static_cast<uint32_t>(pos),
                    w.span.begin + static_cast<uint32_t>(pos + t.text.size())};
      }
      check(ctx, st, t, at, label, out);
    }
  }

  void check(const FileContext& ctx, const StageModel& st, const compat::ArchToken& t, Span at,
             const std::string& label, Reporter& out) {
    if (!seen_.insert({at.begin, at.end}).second) return;
    auto cuda = compat::stage_cuda(*ctx.model, st);
    if (!cuda) return;
    auto info = ctx.kb->arch_info(t.sm);
    auto supported = ctx.kb->arch_supported(cuda->version, t.sm);
    if (!info || !supported || supported->value) return;
    std::string arch = fmt::format("compute capability {} ({}, {})", t.sm.str(), info->name,
                                   compat::sm_name(t.sm));
    std::string why;
    if (cuda->version < info->first_cuda) {
      why = fmt::format("CUDA {} cannot compile for it: support starts with CUDA {}",
                        cuda->version.str(), info->first_cuda.str());
    } else {
      why = fmt::format("CUDA {} no longer compiles for it: CUDA {} was the last major version "
                        "supporting it", cuda->version.str(), info->last_cuda_major.value_or(0));
    }
    Diagnostic& d = out.report(at, fmt::format("{} asks for {} but {}; {}", label, arch, why, cuda->words));
    compat::add_cuda_label(d, *cuda);
    compat::Evidence ev;
    ev.add(supported->from).add(cuda->from);
    compat::apply_evidence(d, ev);
  }

  std::set<std::pair<uint32_t, uint32_t>> seen_;
};

}  // namespace

RuleEntry ml107_cuda_arch_unsupported() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<CudaArchUnsupported>()); }};
}

}  // namespace dockml::rules
