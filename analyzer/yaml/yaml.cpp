#include "analyzer/yaml/yaml.h"

#include <algorithm>

#include <fmt/format.h>

#include "analyzer/yaml/builder.h"

namespace dockml::yaml {

bool Node::is_null() const {
  const Node& r = resolved();
  if (r.kind == Kind::kAlias) return true;
  return r.kind == Kind::kScalar && r.type == ScalarType::kNull && r.style == ScalarStyle::kPlain;
}

std::string_view Node::scalar() const {
  const Node& r = resolved();
  return r.kind == Kind::kScalar ? std::string_view(r.value) : std::string_view();
}

const Pair* Node::find(std::string_view key) const {
  const Node& r = resolved();
  if (r.kind != Kind::kMapping) return nullptr;
  for (auto it = r.pairs.rbegin(); it != r.pairs.rend(); ++it) {
    const Node& k = it->key->resolved();
    if (k.kind == Kind::kScalar && k.value == key) return &*it;
  }
  return nullptr;
}

const Node* Node::get(std::string_view key) const {
  const Pair* p = find(key);
  return p ? p->value : nullptr;
}

const Node* Node::at_path(const std::vector<std::string_view>& path) const {
  const Node* cur = this;
  for (std::string_view k : path) {
    cur = cur->get(k);
    if (!cur) return nullptr;
  }
  return cur;
}

const Node* Node::at_path(std::initializer_list<std::string_view> path) const {
  return at_path(std::vector<std::string_view>(path));
}

namespace {

struct Chunk {
  uint32_t begin = 0;
  uint32_t end = 0;
  uint32_t first_line = 0;
  uint32_t lines = 0;
};

bool starts_marker(std::string_view line, std::string_view marker) {
  return line.substr(0, 3) == marker &&
         (line.size() == 3 || line[3] == ' ' || line[3] == '\t' || line[3] == '\r' ||
          line[3] == '\n');
}

// Splits the stream before each `---` line (document markers at column 0 are never content),
// keeping `%` directive lines with the document they introduce.
std::vector<Chunk> split_documents(std::string_view text) {
  std::vector<Chunk> chunks;
  Chunk cur;
  uint32_t line_no = 0;
  int64_t directive_start = -1;  // first line of a run of directives before `---`
  uint32_t directive_line = 0;
  for (size_t pos = 0; pos < text.size(); ++line_no) {
    size_t nl = text.find('\n', pos);
    size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    std::string_view line = text.substr(pos, end - pos);
    if (!line.empty() && line[0] == '%') {
      if (directive_start < 0) {
        directive_start = static_cast<int64_t>(pos);
        directive_line = line_no;
      }
    } else if (starts_marker(line, "---")) {
      uint32_t split = directive_start >= 0 ? static_cast<uint32_t>(directive_start)
                                            : static_cast<uint32_t>(pos);
      uint32_t split_line = directive_start >= 0 ? directive_line : line_no;
      if (split > cur.begin) {
        cur.end = split;
        cur.lines = split_line - cur.first_line;
        chunks.push_back(cur);
        cur = Chunk{split, 0, split_line, 0};
      }
      directive_start = -1;
    } else if (line.find_first_not_of(" \t\r\n") != std::string_view::npos && line[0] != '#') {
      directive_start = -1;
    }
    pos = end;
  }
  cur.end = static_cast<uint32_t>(text.size());
  cur.lines = line_no - cur.first_line;
  if (cur.end > cur.begin) chunks.push_back(cur);
  return chunks;
}

// An upper estimate of the block nesting (indentation levels, counting `- `, `? ` and `: `
// indicators that open nested blocks on one line). tree-sitter-yaml's scanner overflows its
// state buffer past ~250 levels, so deeper documents are refused before parsing.
// Returns the offset of the first line deeper than `limit`, or -1.
int64_t too_deep(std::string_view text, uint32_t limit) {
  std::vector<uint32_t> cols;
  for (size_t pos = 0; pos < text.size();) {
    size_t nl = text.find('\n', pos);
    size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    std::string_view line = text.substr(pos, end - pos);
    size_t ind = line.find_first_not_of(' ');
    if (ind != std::string_view::npos && line[ind] != '\n' && line[ind] != '\r' &&
        line[ind] != '#') {
      while (!cols.empty() && cols.back() > ind) cols.pop_back();
      auto push = [&](size_t c) {
        if (cols.empty() || cols.back() < c) cols.push_back(static_cast<uint32_t>(c));
      };
      push(ind);
      size_t i = ind;
      while (i + 1 < line.size() && (line[i] == '-' || line[i] == '?' || line[i] == ':') &&
             (line[i + 1] == ' ' || line[i + 1] == '\t')) {
        i = line.find_first_not_of(" \t", i + 1);
        if (i == std::string_view::npos) break;
        push(i);
      }
      if (cols.size() > limit) return static_cast<int64_t>(pos);
    }
    pos = end;
  }
  return -1;
}

}  // namespace

Stream parse_yaml(SourcePtr source, const Limits& limits) {
  Stream stream;
  stream.source = source;
  if (!source) return stream;
  Builder builder(stream, limits);
  std::string_view text = source->text();
  for (const Chunk& c : split_documents(text)) {
    std::string_view chunk = text.substr(c.begin, c.end - c.begin);
    if (c.lines > limits.max_document_lines) {
      builder.error(fmt::format("YAML document of {} lines is longer than the {} lines dockml "
                                "analyses; skipped",
                                c.lines, limits.max_document_lines),
                    Span{c.begin, c.begin});
      continue;
    }
    if (int64_t deep = too_deep(chunk, limits.max_depth); deep >= 0) {
      auto at = c.begin + static_cast<uint32_t>(deep);
      builder.error(fmt::format("YAML nested deeper than {} levels; document skipped",
                                limits.max_depth),
                    Span{at, at});
      continue;
    }
    builder.build_chunk(chunk, c.begin);
  }
  std::stable_sort(stream.errors.begin(), stream.errors.end(),
                   [](const Error& a, const Error& b) { return a.span.begin < b.span.begin; });
  return stream;
}

}  // namespace dockml::yaml
