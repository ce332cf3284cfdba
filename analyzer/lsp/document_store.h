// The documents open in the editor, with their text as the client sees it.
// Not thread-safe: the server guards it. Documents are snapshots (SourcePtr is immutable),
// so a copy can be handed to the lint worker cheaply.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analyzer/engine/rule.h"
#include "analyzer/lsp/positions.h"
#include "analyzer/source/source_file.h"

namespace dockml::lsp {

struct Document {
  std::string uri;
  std::string path;         // filesystem path ("" for non-file URIs)
  std::string language_id;  // as the client sent it
  int64_t version = 0;
  FileKind kind = FileKind::kDockerfile;
  SourcePtr source;         // path() is `path` (or the URI when there is none)
};

// One entry of didChange's contentChanges: a range replacement, or the whole text.
struct ContentChange {
  std::optional<LspRange> range;
  std::string text;
};

// Which kind of file a document is: by name (the engine's discovery rules), then by the
// client's language id, YAML by content; nullopt when dockml does not lint it (the server
// then ignores the document).
std::optional<FileKind> classify_document(std::string_view path_or_uri,
                                          std::string_view language_id, std::string_view text);

class DocumentStore {
 public:
  // Opens (or replaces) a document. Returns nullptr when it is not a kind dockml lints.
  const Document* open(const std::string& uri, const std::string& language_id, int64_t version,
                       std::string text);
  // Applies changes in order; incremental ranges are in `enc`. False when the document is
  // not open. Out-of-range positions clamp (as VS Code does), so a change never fails.
  bool change(const std::string& uri, int64_t version, const std::vector<ContentChange>& changes,
              PositionEncoding enc);
  bool close(const std::string& uri);

  const Document* find(const std::string& uri) const;
  std::vector<Document> all() const;
  size_t size() const { return docs_.size(); }

 private:
  std::map<std::string, Document> docs_;
};

}  // namespace dockml::lsp
