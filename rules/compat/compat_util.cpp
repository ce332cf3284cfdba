#include "rules/compat/compat_util.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace dockml::rules::compat {

uint32_t line_of(const SourceRef& ref) {
  if (!ref.source) return 0;
  return ref.source->position(ref.span.begin).line + 1;
}

const StageModel& root_stage(const ImageModel& model, const StageModel& st) {
  const StageModel* s = &st;
  // Parents always precede their children, so this terminates.
  while (s->parent && *s->parent < s->index && *s->parent < model.stages.size())
    s = &model.stages[*s->parent];
  return *s;
}

std::optional<StageCuda> stage_cuda(const ImageModel& model, const StageModel& st) {
  if (!st.cuda) return std::nullopt;
  StageCuda c;
  c.version = st.cuda->version;
  c.origin = st.cuda->origin;
  c.from = st.cuda->from;
  const std::string v = c.version.str();
  if (st.cuda->origin == "base image") {
    const StageModel& root = root_stage(model, st);
    c.image = !root.facts.ref.raw.empty() ? root.facts.ref.raw : root.base;
    c.ref = SourceRef{model.source, root.base_span};
    uint32_t line = line_of(c.ref);
    c.words = fmt::format("the base image {} (line {}) provides CUDA {}", c.image, line, v);
    c.noun = fmt::format("CUDA {} of the base image {} (line {})", v, c.image, line);
  } else {
    c.installed = true;
    c.ref = st.cuda->ref;
    if (!c.ref.source) c.ref.source = model.source;
    uint32_t line = line_of(c.ref);
    c.words = fmt::format("the stage installs CUDA {} ({}, line {})", v, c.origin, line);
    c.noun = fmt::format("CUDA {} installed on line {} ({})", v, line, c.origin);
  }
  return c;
}

void add_cuda_label(Diagnostic& d, const StageCuda& cuda) {
  if (!cuda.ref.source) return;
  d.labels.push_back(Label{cuda.ref.source, cuda.ref.span,
                           fmt::format("CUDA {} comes from here", cuda.version.str())});
}

std::string package_where(const PythonPackage& pkg) {
  uint32_t line = line_of(pkg.req.ref);
  if (!pkg.requirement_file.empty()) return fmt::format("{} line {}", pkg.requirement_file, line);
  return fmt::format("line {}", line);
}

std::string package_words(const PipRequirement& req) {
  std::string name = req.display_name.empty() ? req.name : req.display_name;
  if (req.exact_version) return fmt::format("{} {}", name, *req.exact_version);
  if (req.specifier.empty()) return fmt::format("{} (unpinned)", name);
  return fmt::format("{} {}", name, req.specifier);
}

void add_install_label(Diagnostic& d, const FileContext& ctx, const StageModel& st,
                       const PythonPackage& pkg) {
  if (pkg.requirement_file.empty()) return;
  SourceRef at;
  std::string file = pkg.requirement_file;
  if (pkg.file_index >= 0 && static_cast<size_t>(pkg.file_index) < st.files.size()) {
    const InstalledFile& f = st.files[static_cast<size_t>(pkg.file_index)];
    at = f.arg;
    if (!f.context_path.empty()) file = f.context_path;
  } else {
    at = pkg.command;
  }
  if (!at.source) at.source = ctx.source;
  d.labels.push_back(Label{at.source, at.span, fmt::format("{} is installed here", file)});
}

Diagnostic& report_at_package(Reporter& out, const FileContext& ctx, const StageModel& st,
                              const PythonPackage& pkg, const SourceRef& ref, std::string message,
                              Severity severity) {
  SourcePtr src = ref.source ? ref.source : ctx.source;
  Diagnostic& d = out.report_in(src, ref.span, std::move(message));
  d.severity = severity;
  add_install_label(d, ctx, st, pkg);
  return d;
}

const PythonPackage* package_of(const StageModel& st, const FrameworkVariant& f) {
  if (f.package_index < 0 || static_cast<size_t>(f.package_index) >= st.python_packages.size())
    return nullptr;
  return &st.python_packages[static_cast<size_t>(f.package_index)];
}

Evidence& Evidence::add(const Provenance& p) {
  if (p.sources.empty() || p.confirmed) return *this;
  confirmed_ = false;
  for (const std::string& s : p.sources)
    if (std::find(unconfirmed_.begin(), unconfirmed_.end(), s) == unconfirmed_.end())
      unconfirmed_.push_back(s);
  return *this;
}

std::string Evidence::unconfirmed_sources() const { return fmt::format("{}", fmt::join(unconfirmed_, ", ")); }

Diagnostic& apply_evidence(Diagnostic& d, const Evidence& ev) {
  if (ev.confirmed()) return d;
  d.severity = Severity::kInfo;
  d.message += " (unconfirmed)";
  d.notes.push_back(fmt::format(
      "this rests on a knowledge-base fact not confirmed by a primary source ({}); "
      "it is reported as information only",
      ev.unconfirmed_sources()));
  return d;
}

std::string torch_index_url(std::string_view variant) {
  return fmt::format("https://download.pytorch.org/whl/{}", variant);
}

std::string matching_torch_variant(const TorchRelease& rel, const Version& image_cuda) {
  std::string best;
  std::optional<Version> best_cuda;
  for (const std::string& v : rel.cuda_variants) {
    auto c = cuda_from_variant(v);
    if (!c || c->major() != image_cuda.major()) continue;
    if (c->minor() == image_cuda.minor()) return v;
    if (*c > image_cuda.truncated(2)) continue;
    if (!best_cuda || *c > *best_cuda) {
      best = v;
      best_cuda = c;
    }
  }
  return best;
}

}  // namespace dockml::rules::compat

namespace dockml::rules::compat {

bool variant_named_in_dockerfile(const FrameworkVariant& f) {
  return f.origin == "local version label" || f.origin.starts_with("index URL") || f.origin == "uv torch backend" ||
         f.origin == "conda build string";
}

std::string variant_origin_words(const FrameworkVariant& f) {
  const std::string& o = f.origin;
  if (o == "local version label") return fmt::format("from its local version label +{}", f.variant);
  if (o.starts_with("index URL ")) return fmt::format("from the index URL {}", o.substr(10));
  if (o == "uv torch backend") return fmt::format("from uv's torch backend {}", f.variant);
  if (o == "PyPI default") {
    return fmt::format("the CUDA build PyPI serves for {} {}", f.package,
                       f.version ? f.version->str() : std::string());
  }
  if (o == "conda pytorch-cuda") return fmt::format("from pytorch-cuda={}", f.cuda ? f.cuda->str() : "");
  if (o == "conda build string") return "from its conda build string";
  if (o == "tested build configuration") return "its tested build configuration";
  if (o == "jax extra") return fmt::format("from the extra [{}]", f.variant);
  return o;
}

std::string framework_words(const FrameworkVariant& f) {
  if (!f.version) return f.package;
  return fmt::format("{} {}", f.package, f.version->str());
}

std::optional<Span> find_in_command(const ImageModel& model, size_t run_instruction,
                                    const SourceRef& command, std::string_view needle) {
  const RunAnalysis* run = model.run_at(run_instruction);
  if (!run || !model.source || needle.empty()) return std::nullopt;
  if (command.source && command.source != model.source) return std::nullopt;
  for (const shell::ShellCommand& c : run->script.commands) {
    for (const shell::ShellWord& w : c.argv) {
      if (w.span.begin < command.span.begin || w.span.end > command.span.end) continue;
      if (w.span.end > model.source->size()) continue;
      std::string_view text = model.source->slice(w.span);
      size_t at = text.find(needle);
      if (at == std::string_view::npos) continue;
      uint32_t b = w.span.begin + static_cast<uint32_t>(at);
      return Span{b, b + static_cast<uint32_t>(needle.size())};
    }
  }
  return std::nullopt;
}

std::string suggest_cuda_base(const ImageModel& model, const StageModel& st, const KnowledgeBase& kb,
                              const Version& target) {
  const StageModel& root = root_stage(model, st);
  if (root.facts.family != ImageFamily::kNvidiaCuda || !root.base_exact) return "";
  if (root.base_raw.find('$') != std::string::npos) return "";
  const std::string tag = root.facts.ref.effective_tag();
  size_t dash = tag.find('-');
  if (dash == std::string::npos) return "";
  std::string rest = tag.substr(dash);  // "-devel-ubuntu22.04"
  std::string probe = fmt::format("{}.{}{}", target.major(), target.minor(), rest);
  CudaTagCheck two = kb.nvidia_cuda_tag_check(probe);
  if (two.suggestion.empty()) return "";
  std::string candidate = two.suggestion + rest;
  CudaTagCheck check = kb.nvidia_cuda_tag_check(candidate);
  if (check.status != TagStatus::kValid) return "";
  size_t colon = root.base_raw.rfind(':');
  if (colon == std::string::npos || root.base_raw.find('@') != std::string::npos) return "";
  return root.base_raw.substr(0, colon + 1) + candidate;
}

}  // namespace dockml::rules::compat

namespace dockml::rules::compat {

bool already_satisfied_by_base(const StageModel& st, const FrameworkVariant& f) {
  if (!f.version || !f.version->local().empty()) return false;
  const auto& shipped = (f.package == "torch" || f.package == "pytorch") ? st.facts.torch
                        : f.package == "tensorflow"                     ? st.facts.tensorflow
                                                                        : std::optional<Fact<Version>>{};
  return shipped && shipped->value == *f.version;
}

}  // namespace dockml::rules::compat
