// What the LSP server needs from the analyzer, behind one interface so the protocol layer
// can be tested with a fake. make_engine_backend() (engine_backend.cpp) is the real one.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analyzer/diag/diagnostic.h"
#include "analyzer/engine/options.h"
#include "analyzer/lsp/document_store.h"

namespace dockml::lsp {

struct LintJob {
  Document doc;
  // From the settings; config_path is --config or the .dockml.yaml discovered for the
  // document's folder ("" when none or --no-config).
  LintOptions options;
  // Editor contents of the other open documents by path (requirement files a COPY brings in
  // should be read from here before the disk).
  std::map<std::string, SourcePtr> open_files;
  // Set when a newer change made this run obsolete; a backend may stop early.
  const std::atomic<bool>* cancelled = nullptr;
};

struct LintOutput {
  std::vector<Diagnostic> diagnostics;  // spans into job.doc.source or into other files
  std::string error;                    // configuration/IO problem to show once, "" when none
};

class Backend {
 public:
  virtual ~Backend() = default;
  virtual LintOutput lint(const LintJob& job) = 0;
  // Markdown describing what the base image named by the FROM at `offset` provides
  // (CUDA, cuDNN, flavor, Python, OS, minimum driver); nullopt when not on a FROM.
  virtual std::optional<std::string> hover_image(const LintJob& job, uint32_t offset) {
    return std::nullopt;
  }
  // The first line of the Dockerfile instruction containing `offset` (where an ignore
  // pragma goes); nullopt to use the offset's own line.
  virtual std::optional<uint32_t> instruction_start_line(const Document& doc, uint32_t offset) {
    return std::nullopt;
  }
};

std::unique_ptr<Backend> make_engine_backend();

}  // namespace dockml::lsp
