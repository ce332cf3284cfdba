// The real Backend: the engine for linting (with a shell parse cache kept between lints), the
// last lint's parse tree for pragma placement and its image model for hovers.
#include <mutex>

#include "analyzer/config/effective.h"
#include "analyzer/dockerfile/parser.h"
#include "analyzer/engine/engine.h"
#include "analyzer/kb/knowledge_base.h"
#include "analyzer/lsp/backend.h"
#include "analyzer/lsp/image_hover.h"
#include "analyzer/lsp/package_hover.h"
#include "analyzer/model/image_model.h"
#include "analyzer/shell/parse_cache.h"
#include "analyzer/source/overlay.h"

namespace dockml::lsp {

namespace {

class EngineBackend : public Backend {
 public:
  LintOutput lint(const LintJob& job) override {
    ScopedFileOverlay overlay(&job.open_files);  // unsaved requirement files win over disk
    // After an edit most RUNs are the same text again: their parses come from the cache.
    shell::ScopedParseCache parses(&parse_cache_);
    // The document's .dockml.yaml (job.options.config_path, found for its folder) or
    // .hadolint.yaml applies as on the command line; a broken file is reported once.
    config::Effective effective = config::effective_options(job.options, job.doc.path);
    dockml::LintResult result = lint_source(job.doc.source, effective.options, job.doc.kind);
    {
      std::lock_guard lock(mu_);
      last_source_ = result.source;
      last_tree_ = result.dockerfile;
      last_model_ = result.model;
    }
    LintOutput out;
    out.diagnostics = std::move(result.diagnostics);
    out.error = effective.error;
    return out;
  }

  std::optional<std::string> hover_image(const LintJob& job, uint32_t offset) override {
    if (job.doc.kind != FileKind::kDockerfile) return std::nullopt;
    auto [tree, model] = last_lint_of(job.doc);
    if (!tree) tree = std::make_shared<Dockerfile>(parse_dockerfile(job.doc.source));
    const KnowledgeBase* kb = knowledge_base(job.options.kb_dir);
    if (!kb) return std::nullopt;
    if (auto image = from_hover_markdown(*tree, offset, job.options, *kb)) return image;
    if (!model) {
      shell::ScopedParseCache parses(&parse_cache_);
      model = build_image_model(*tree, job.options, *kb);
    }
    return package_hover_markdown(*model, job.doc.source->path(), offset, *kb);
  }

  std::optional<uint32_t> instruction_start_line(const Document& doc, uint32_t offset) override {
    std::shared_ptr<const Dockerfile> tree = tree_for(doc);
    if (!tree) return std::nullopt;
    for (const Instruction& inst : tree->instructions) {
      if (offset >= inst.span.begin && offset <= inst.span.end) return inst.start_line;
    }
    return std::nullopt;
  }

 private:
  // The parse of the last lint when it was of this exact text.
  std::shared_ptr<const Dockerfile> tree_for(const Document& doc) { return last_lint_of(doc).first; }

  // The parse and image model of the last lint when it was of this exact text (nulls if not).
  std::pair<std::shared_ptr<const Dockerfile>, std::shared_ptr<const ImageModel>> last_lint_of(const Document& doc) {
    if (doc.kind != FileKind::kDockerfile) return {};
    std::lock_guard lock(mu_);
    if (last_source_ != doc.source) return {};
    return {last_tree_, last_model_};
  }

  // The built-in KB, or --kb DIR (loaded once per directory); null when it does not load.
  const KnowledgeBase* knowledge_base(const std::string& dir) {
    if (dir.empty()) return &KnowledgeBase::builtin();
    std::lock_guard lock(mu_);
    if (kb_dir_ != dir) {
      kb_dir_ = dir;
      kb_ = KnowledgeBase::load_directory(dir).kb;
    }
    return kb_.get();
  }

  std::mutex mu_;
  std::string kb_dir_;
  std::shared_ptr<const KnowledgeBase> kb_;
  SourcePtr last_source_;
  std::shared_ptr<const Dockerfile> last_tree_;
  std::shared_ptr<const ImageModel> last_model_;
  shell::ParseCache parse_cache_;
};

}  // namespace

std::unique_ptr<Backend> make_engine_backend() { return std::make_unique<EngineBackend>(); }

}  // namespace dockml::lsp
