#include "analyzer/render/render_util.h"

#include <filesystem>
#include <map>
#include <system_error>
#include <tuple>

#include <fmt/core.h>

namespace dockml::render {

namespace {

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

std::string normalize_ws(std::string_view s) {
  std::string out;
  bool pending_space = false;
  for (char c : s) {
    if (is_ws(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
  return out;
}

std::string generic(const std::filesystem::path& p) { return p.generic_string(); }

}  // namespace

LineCol locate(const SourceFile& file, uint32_t offset, ColumnUnit unit) {
  offset = std::min(offset, file.size());
  if (offset == file.size() && file.ends_with_newline()) {
    return LineCol{file.line_count() + 1, 1};
  }
  Position pos = file.position(offset);
  uint32_t column = 0;
  switch (unit) {
    case ColumnUnit::kUtf8Bytes: column = pos.column; break;
    case ColumnUnit::kUtf16: column = file.utf16_column(offset); break;
    case ColumnUnit::kCodePoints: column = file.display_column(offset, 1); break;
    case ColumnUnit::kGnu: column = file.display_column(offset, 8); break;
  }
  // The BOM is not part of the text an editor shows.
  if (pos.line == 0 && file.has_bom() && offset >= 3) {
    column -= unit == ColumnUnit::kUtf8Bytes ? 3 : 1;
  }
  return LineCol{pos.line + 1, column + 1};
}

Span trimmed_span(const SourceFile& file, Span span) {
  uint32_t begin = std::min(span.begin, file.size());
  uint32_t end = std::min(std::max(span.end, begin), file.size());
  std::string_view text = file.text();
  if (end > begin && text[end - 1] == '\n') {
    --end;
    if (end > begin && text[end - 1] == '\r') --end;
  }
  // An empty span at the very end of a file that ends with a newline (e.g. "unexpected end of
  // file") points at the end of the last line, which exists, rather than at the line after it.
  if (begin == end && end == file.size() && file.ends_with_newline()) {
    end = begin = end - ((end >= 2 && text[end - 2] == '\r') ? 2 : 1);
  }
  return Span{begin, end};
}

Range span_range(const SourceFile& file, Span span, ColumnUnit unit) {
  Span s = trimmed_span(file, span);
  return Range{locate(file, s.begin, unit), locate(file, s.end, unit)};
}

Range edit_range(const SourceFile& file, Span span, ColumnUnit unit) {
  uint32_t begin = std::min(span.begin, file.size());
  uint32_t end = std::min(std::max(span.end, begin), file.size());
  return Range{locate(file, begin, unit), locate(file, end, unit)};
}

std::string absolute_root(std::string_view root_dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path root = root_dir.empty() ? fs::path(".") : fs::path(std::string(root_dir));
  fs::path abs = fs::absolute(root, ec);
  if (ec) abs = root;
  std::string s = generic(abs.lexically_normal());
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

bool relative_to_root(std::string_view path, std::string_view root_dir, std::string* relative) {
  namespace fs = std::filesystem;
  if (path.empty() || path == "-") return false;
  std::error_code ec;
  fs::path abs = fs::absolute(fs::path(std::string(path)), ec);
  if (ec) return false;
  fs::path root(absolute_root(root_dir));
  fs::path rel = abs.lexically_normal().lexically_relative(root);
  if (rel.empty()) return false;
  std::string s = generic(rel);
  if (s == "." || s == ".." || s.rfind("../", 0) == 0) return false;
  if (relative) *relative = s;
  return true;
}

std::string report_path(std::string_view path, std::string_view root_dir) {
  if (path == "-") return "<stdin>";
  std::string rel;
  if (relative_to_root(path, root_dir, &rel)) return rel;
  return std::string(path);
}

std::string report_path(const Diagnostic& d, std::string_view root_dir) {
  if (!d.source) return "<unknown>";
  return report_path(d.source->path(), root_dir);
}

std::string percent_encode_path(std::string_view path) {
  std::string out;
  for (char ch : path) {
    auto c = static_cast<unsigned char>(ch);
    bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (keep) {
      out.push_back(ch);
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

std::string fnv1a_hex(std::string_view bytes) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ull;
  }
  return fmt::format("{:016x}", h);
}

std::vector<std::string> fingerprints(const std::vector<Diagnostic>& diagnostics,
                                      std::string_view root_dir) {
  std::vector<std::string> out;
  out.reserve(diagnostics.size());
  std::map<std::string, int> seen;
  for (const Diagnostic& d : diagnostics) {
    std::string key = d.code;
    key.push_back('\0');
    key += report_path(d, root_dir);
    key.push_back('\0');
    if (d.source) {
      uint32_t line = d.source->position(std::min(d.span.begin, d.source->size())).line;
      key += normalize_ws(d.source->line_text(line));
    }
    std::string hash = fnv1a_hex(key);
    int occurrence = ++seen[hash];
    out.push_back(fmt::format("{}:{}", hash, occurrence));
  }
  return out;
}

SeverityCounts count_severities(const std::vector<Diagnostic>& diagnostics) {
  SeverityCounts c;
  for (const Diagnostic& d : diagnostics) {
    switch (d.severity) {
      case Severity::kError: ++c.error; break;
      case Severity::kWarning: ++c.warning; break;
      case Severity::kInfo: ++c.info; break;
      case Severity::kStyle: ++c.style; break;
    }
  }
  return c;
}

std::string counts_phrase(const SeverityCounts& c) {
  std::string out;
  auto add = [&](size_t n, std::string_view one, std::string_view many) {
    if (n == 0) return;
    if (!out.empty()) out += ", ";
    out += fmt::format("{} {}", n, n == 1 ? one : many);
  };
  add(c.error, "error", "errors");
  add(c.warning, "warning", "warnings");
  add(c.info, "info", "infos");
  add(c.style, "style finding", "style findings");
  return out.empty() ? "no problems" : out;
}

std::string files_phrase(size_t files) {
  return fmt::format("{} {}", files, files == 1 ? "file" : "files");
}

std::string valid_utf8(std::string_view text) {
  if (!first_invalid_utf8(text)) return std::string(text);
  std::string out;
  std::string_view rest = text;
  while (!rest.empty()) {
    auto bad = first_invalid_utf8(rest);
    if (!bad) {
      out += rest;
      break;
    }
    out += rest.substr(0, *bad);
    out += "\xEF\xBF\xBD";
    rest.remove_prefix(*bad + 1);
  }
  return out;
}

const RuleMeta* find_meta(std::string_view code, const std::vector<const RuleMeta*>& rules_run) {
  for (const RuleMeta* m : rules_run) {
    if (m && m->code == code) return m;
  }
  const RuleEntry* e = find_rule(code);
  return e ? e->meta : nullptr;
}

const std::vector<Diagnostic>& diagnostics_of(const RenderInput& in) {
  static const std::vector<Diagnostic> kEmpty;
  return in.diagnostics ? *in.diagnostics : kEmpty;
}

}  // namespace dockml::render
