#include "analyzer/lsp/document_store.h"

#include <algorithm>
#include <cctype>

#include "analyzer/engine/file_kind.h"
#include "analyzer/lsp/uri.h"

namespace dockml::lsp {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::optional<FileKind> classify_document(std::string_view path_or_uri,
                                          std::string_view language_id, std::string_view text) {
  std::string name = uri_basename(path_or_uri);
  if (auto kind = kind_from_name(name)) return kind;
  std::string lang = lower(language_id);
  if (lang == "dockerfile" || lang == "containerfile") return FileKind::kDockerfile;
  if (lang == "pip-requirements" || lang == "requirements") return FileKind::kRequirements;
  if (lang == "dockercompose") return FileKind::kCompose;
  if ((is_yaml_name(name) || lang == "yaml") && looks_like_kubernetes(text)) return FileKind::kKubernetes;
  return std::nullopt;
}

const Document* DocumentStore::open(const std::string& uri, const std::string& language_id,
                                    int64_t version, std::string text) {
  auto kind = classify_document(uri, language_id, text);
  if (!kind) {
    docs_.erase(uri);
    return nullptr;
  }
  Document doc;
  doc.uri = uri;
  doc.path = uri_to_path(uri).value_or("");
  doc.language_id = language_id;
  doc.version = version;
  doc.kind = *kind;
  doc.source = std::make_shared<SourceFile>(doc.path.empty() ? uri : doc.path, std::move(text));
  auto [it, _] = docs_.insert_or_assign(uri, std::move(doc));
  return &it->second;
}

bool DocumentStore::change(const std::string& uri, int64_t version,
                           const std::vector<ContentChange>& changes, PositionEncoding enc) {
  auto it = docs_.find(uri);
  if (it == docs_.end()) return false;
  Document& doc = it->second;
  for (const ContentChange& c : changes) {
    std::string text;
    if (!c.range) {
      text = c.text;
    } else {
      const SourceFile& cur = *doc.source;
      Span span = to_span(cur, *c.range, enc);
      std::string_view old = cur.text();
      text.reserve(old.size() - span.size() + c.text.size());
      text.append(old.substr(0, span.begin));
      text.append(c.text);
      text.append(old.substr(span.end));
    }
    doc.source = std::make_shared<SourceFile>(doc.source->path(), std::move(text));
  }
  doc.version = version;
  return true;
}

bool DocumentStore::close(const std::string& uri) { return docs_.erase(uri) > 0; }

const Document* DocumentStore::find(const std::string& uri) const {
  auto it = docs_.find(uri);
  return it == docs_.end() ? nullptr : &it->second;
}

std::vector<Document> DocumentStore::all() const {
  std::vector<Document> out;
  out.reserve(docs_.size());
  for (const auto& [_, d] : docs_) out.push_back(d);
  return out;
}

}  // namespace dockml::lsp
