// What the image of a compose service / Kubernetes container is known to contain: from the
// KB for `image:` references, from the linked Dockerfile's image model for `build:`.
#include <filesystem>

#include <fmt/format.h>

#include "analyzer/compose/compose_internal.h"
#include "analyzer/dockerfile/parser.h"
#include "analyzer/image/image_ref.h"

namespace dockml {

namespace {

namespace fs = std::filesystem;

bool family_is(const ImageFacts& f, std::initializer_list<ImageFamily> families) {
  for (ImageFamily x : families)
    if (f.family == x) return true;
  return false;
}

bool ships_framework(const ImageFacts& f) {
  return f.torch || f.tensorflow ||
         family_is(f, {ImageFamily::kPytorch, ImageFamily::kTensorflow, ImageFamily::kNgcPytorch,
                       ImageFamily::kNgcTensorflow, ImageFamily::kNgcJax});
}

bool ships_torch(const ImageFacts& f) {
  return f.torch || family_is(f, {ImageFamily::kPytorch, ImageFamily::kNgcPytorch});
}

// NVIDIA's CUDA and NGC images are CUDA images by family, even when the KB has no row for
// the exact tag.
bool cuda_family(const ImageFacts& f) {
  return family_is(f, {ImageFamily::kNvidiaCuda, ImageFamily::kNgcPytorch, ImageFamily::kNgcTensorflow,
                       ImageFamily::kNgcJax, ImageFamily::kNgcTritonserver, ImageFamily::kNgcCudaDlBase});
}

bool has_cuda(const ImageFacts& f) { return f.has_cuda() || f.gpu_variant || cuda_family(f); }

std::string cuda_evidence(const ImageFacts& f) {
  if (f.cuda) return fmt::format("{} provides CUDA {}", f.ref.familiar(), f.cuda->value.str());
  if (cuda_family(f)) return fmt::format("{} is an NVIDIA CUDA image", f.ref.familiar());
  return fmt::format("{} is a GPU build", f.ref.familiar());
}

}  // namespace

WorkloadImage classify_workload_image(std::string_view reference, const KnowledgeBase& kb) {
  WorkloadImage w;
  w.label = fmt::format("image '{}'", reference);
  if (reference.find('$') != std::string_view::npos) return w;  // compose interpolation
  ImageRefResult parsed = parse_image_ref(reference);
  if (!parsed.ref) return w;
  ImageFacts facts = classify_image(*parsed.ref, kb);
  w.known = facts.family != ImageFamily::kUnknown && facts.family != ImageFamily::kUnresolved;
  w.cuda = has_cuda(facts);
  w.pytorch = ships_torch(facts);
  w.cuda_frameworks = w.cuda && ships_framework(facts);
  if (w.cuda) w.evidence = cuda_evidence(facts);
  if (facts.cuda) w.base_cuda = facts.cuda->value;
  w.nvidia_base = w.cuda;
  w.facts = std::move(facts);
  return w;
}

WorkloadImage describe_stage(const ImageModel& model, size_t stage, std::string_view label) {
  WorkloadImage w;
  w.label = std::string(label);
  if (stage >= model.stages.size()) return w;
  const StageModel& st = model.stages[stage];
  w.known = true;
  for (const FrameworkVariant& fw : st.frameworks) {
    if (fw.package == "torch" || fw.package == "pytorch") w.pytorch = true;
    if (!fw.cuda || w.cuda_frameworks) continue;
    w.cuda_frameworks = true;
    uint32_t line = fw.ref.source ? fw.ref.source->position(fw.ref.span.begin).line + 1 : 0;
    w.evidence = fmt::format("{}{} is a CUDA {} build ({}{})", fw.package,
                             fw.version ? " " + fw.version->str() : std::string(),
                             fw.cuda->str(), fw.origin,
                             line ? fmt::format(", line {}", line) : std::string());
  }
  w.pytorch = w.pytorch || ships_torch(st.facts);
  if (st.facts.cuda) w.base_cuda = st.facts.cuda->value;
  w.nvidia_base = has_cuda(st.facts);
  w.cuda = w.cuda_frameworks || has_cuda(st.facts) || st.cuda.has_value();
  if (!w.cuda_frameworks && has_cuda(st.facts) && ships_framework(st.facts)) {
    w.cuda_frameworks = true;
  }
  if (w.evidence.empty() && has_cuda(st.facts))
    w.evidence = "base image " + cuda_evidence(st.facts);
  if (w.evidence.empty() && st.cuda) w.evidence = fmt::format("CUDA {} ({})", st.cuda->version.str(), st.cuda->origin);
  return w;
}

namespace compose_detail {

void link_dockerfile(const SourcePtr& compose_source, const LintOptions& options,
                     const KnowledgeBase& kb, ComposeService& svc, ComposeModel& model) {
  ComposeBuild& b = *svc.build;
  if (!b.link_error.empty()) return;
  if (b.context.find("://") != std::string::npos || b.context.starts_with("git@") ||
      b.context.find('$') != std::string::npos || b.dockerfile.value.find('$') != std::string::npos) {
    b.link_error = "the build context or Dockerfile is remote or uses variables";
    return;
  }
  fs::path project = !options.context_dir.empty()
                         ? fs::path(options.context_dir)
                         : fs::path(compose_source->path()).parent_path();
  std::string dockerfile = b.dockerfile.value.empty() ? "Dockerfile" : b.dockerfile.value;
  fs::path display = (fs::path(b.context) / dockerfile).lexically_normal();
  fs::path context_dir = fs::path(b.context).is_absolute() ? fs::path(b.context) : project / b.context;
  fs::path file = fs::path(dockerfile).is_absolute() ? fs::path(dockerfile) : context_dir / dockerfile;
  b.dockerfile_path = display.string();
  LoadResult loaded = load_source(file.string());
  Span where = b.dockerfile.present ? b.dockerfile.span : b.span;
  if (!loaded.file) {
    b.link_error = fmt::format("Dockerfile '{}' not found", display.string());
    model.notes.push_back({where, fmt::format("service '{}': Dockerfile '{}' not found (build "
                                              "context '{}'); GPU checks that need the image "
                                              "model skip this service", svc.name,
                                              display.string(), b.context)});
    return;
  }
  auto source = std::make_shared<SourceFile>(display.string(), std::string(loaded.file->text()));
  auto df = std::make_shared<Dockerfile>(parse_dockerfile(source));
  LintOptions opts = options;
  opts.context_dir = context_dir.string();
  for (const EnvVar& a : b.args)  // compose build args win over --build-arg for this service
    if (a.has_value && a.value.find('$') == std::string::npos) opts.build_args[a.name] = a.value;
  std::shared_ptr<const ImageModel> im = build_image_model(*df, opts, kb);
  std::optional<size_t> stage = im->final_stage;
  std::string label = fmt::format("Dockerfile '{}'", display.string());
  if (b.target.present && !b.target.value.empty()) {
    stage.reset();
    std::string target = b.target.value;
    for (char& c : target) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    for (const StageModel& st : im->stages)
      if (st.name == target)
        stage = st.index;
    label += fmt::format(" (target '{}')", b.target.value);
    if (!stage) {
      b.link_error = fmt::format("stage '{}' not found in {}", b.target.value, display.string());
      model.notes.push_back({b.target.span, fmt::format("service '{}': build target '{}' is not a "
                                                        "stage of Dockerfile '{}'", svc.name,
                                                        b.target.value, display.string())});
    }
  }
  b.dockerfile_ast = df;
  b.model = im;
  b.stage = stage;
  if (stage) svc.runs = describe_stage(*im, *stage, label);
}

}  // namespace compose_detail

}  // namespace dockml
