// Word evaluation: quote removal, escapes and substitution of known variables.
#include <algorithm>
#include <cctype>

#include "analyzer/shell/internal.h"

namespace dockml::shell::detail {

std::optional<std::string> Scope::get(std::string_view name) const {
  auto it = locals_.find(name);
  if (it != locals_.end()) return it->second;
  if (outer_ == nullptr) return std::nullopt;
  VarValue v = outer_->get(name);
  switch (v.state) {
    case VarValue::State::kSet: return std::string(v.value);
    // Not set by the Dockerfile: the base image's environment may still set it.
    case VarValue::State::kUnset: return std::nullopt;
    case VarValue::State::kUnknown: return std::nullopt;
  }
  return std::nullopt;
}

Span map_range(const std::vector<LogicalText::Segment>& segments, uint32_t b, uint32_t e) {
  if (segments.empty()) return Span{b, e};
  auto map_byte = [&](uint32_t off) -> uint32_t {
    // Last segment starting at or before `off`.
    auto it = std::upper_bound(segments.begin(), segments.end(), off,
                               [](uint32_t o, const LogicalText::Segment& s) {
                                 return o < s.logical_begin;
                               });
    if (it == segments.begin()) return segments.front().source_begin;
    const LogicalText::Segment& s = *(it - 1);
    uint32_t delta = off - s.logical_begin;
    if (delta >= s.length) {
      // A synthetic byte after the segment: the next segment's start, or this one's end.
      if (it != segments.end()) return it->source_begin;
      return s.source_begin + s.length;
    }
    return s.source_begin + delta;
  };
  if (e <= b) {
    uint32_t p = map_byte(b);
    return Span{p, p};
  }
  uint32_t first = map_byte(b);
  uint32_t last = map_byte(e - 1);
  if (last < first) last = first;
  return Span{first, last + 1};
}

namespace {

constexpr int kMaxWordDepth = 16;
// Unknown parts longer than this are kept abbreviated in `value` (and `raw` is capped), so a
// word holding 10,000 nested $(...) costs linear, not quadratic, memory.
constexpr size_t kMaxDynamicPart = 256;
constexpr size_t kMaxRaw = 4096;

void append_dynamic(std::string_view text, std::string& out) {
  if (text.size() <= kMaxDynamicPart) {
    out += text;
  } else {
    out += text.substr(0, kMaxDynamicPart);
    out += "...";
  }
}

struct Builder {
  std::string value;
  bool is_static = true;
  int quoted = 0;            // > 0 inside double quotes
  bool needs_split = false;  // an unquoted expansion produced blanks: field splitting applies

  void append_expanded(const std::string& v) {
    if (quoted == 0 && v.find_first_of(" \t\n") != std::string::npos) needs_split = true;
    value += v;
  }
};

void append_unescaped_word(std::string_view raw, Builder& out) {
  for (size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\\' && i + 1 < raw.size()) {
      ++i;
      if (raw[i] != '\n') out.value += raw[i];
    } else {
      out.value += raw[i];
    }
  }
}

// Inside double quotes a backslash only escapes $ ` " \ and newline.
void append_unescaped_dquoted(std::string_view raw, Builder& out) {
  for (size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (c == '\\' && i + 1 < raw.size()) {
      char n = raw[i + 1];
      if (n == '$' || n == '`' || n == '"' || n == '\\') {
        out.value += n;
        ++i;
        continue;
      }
      if (n == '\n') {
        ++i;
        continue;
      }
    }
    out.value += c;
  }
}

void append_ansi_c(std::string_view raw, Builder& out) {
  // raw is $'...'
  std::string_view s = raw.size() >= 3 ? raw.substr(2, raw.size() - 3) : std::string_view();
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 == s.size()) {
      out.value += s[i];
      continue;
    }
    char n = s[++i];
    switch (n) {
      case 'n': out.value += '\n'; break;
      case 't': out.value += '\t'; break;
      case 'r': out.value += '\r'; break;
      case '\\': out.value += '\\'; break;
      case '\'': out.value += '\''; break;
      case '"': out.value += '"'; break;
      default:
        // Octal/hex/unicode escapes are not decoded: keep them and mark the word dynamic.
        out.value += '\\';
        out.value += n;
        out.is_static = false;
    }
  }
}

void eval_into(ts::Node node, const Scope& scope, const BashSymbols& sym, Builder& out, int depth);

void eval_variable(std::string_view name, std::string_view raw, const Scope& scope,
                   Builder& out) {
  bool special = name.empty() || !(std::isalpha(static_cast<unsigned char>(name[0])) ||
                                   name[0] == '_');
  std::optional<std::string> v = special ? std::nullopt : scope.get(name);
  if (v) {
    out.append_expanded(*v);
  } else {
    out.value += raw;
    out.is_static = false;
  }
}

void eval_expansion(ts::Node node, const Scope& scope, const BashSymbols& sym, Builder& out,
                    int depth) {
  std::string_view name;
  std::string_view op;
  ts::Node default_word;
  int others = 0;
  for (const ts::Node& c : node.children()) {
    if (c.symbol() == sym.variable_name || c.symbol() == sym.special_variable_name) {
      if (name.empty()) name = c.text();
    } else if (!c.is_named()) {
      std::string_view t = c.type();
      if (t != "${" && t != "}") {
        if (op.empty()) op = t; else ++others;
      }
    } else if (!default_word) {
      default_word = c;
    } else {
      ++others;
    }
  }
  if (op.empty() && !default_word && others == 0) {
    eval_variable(name, node.text(), scope, out);
    return;
  }
  // ${v:-w} / ${v-w}: the value when known and non-empty; for `:-` an empty known value
  // takes the default.
  if ((op == ":-" || op == "-") && others == 0 && !name.empty()) {
    std::optional<std::string> v = scope.get(name);
    if (v && !v->empty()) {
      out.append_expanded(*v);
      return;
    }
    if (v && op == ":-") {
      if (default_word) eval_into(default_word, scope, sym, out, depth + 1);
      return;
    }
  }
  append_dynamic(node.text(), out.value);
  out.is_static = false;
}

void eval_children_with_gaps(ts::Node node, uint32_t begin, uint32_t end, bool dquoted,
                             const Scope& scope, const BashSymbols& sym, Builder& out,
                             int depth) {
  uint32_t pos = begin;
  std::string_view all = node.text();
  uint32_t node_begin = node.begin();
  auto gap = [&](uint32_t to) {
    if (to <= pos) return;
    std::string_view g = all.substr(pos - node_begin, to - pos);
    if (dquoted) append_unescaped_dquoted(g, out); else append_unescaped_word(g, out);
  };
  for (const ts::Node& c : node.children()) {
    if (c.end() <= begin || c.begin() >= end) continue;
    gap(c.begin());
    if (c.symbol() == sym.string_content) {
      append_unescaped_dquoted(c.text(), out);
    } else if (!c.is_named()) {
      if (dquoted) append_unescaped_dquoted(c.text(), out); else append_unescaped_word(c.text(), out);
    } else {
      eval_into(c, scope, sym, out, depth + 1);
    }
    pos = std::max(pos, c.end());
  }
  gap(end);
}

void eval_into(ts::Node node, const Scope& scope, const BashSymbols& sym, Builder& out,
               int depth) {
  if (depth > kMaxWordDepth) {
    append_dynamic(node.text(), out.value);
    out.is_static = false;
    return;
  }
  ts::Symbol s = node.symbol();
  if (s == sym.word || s == sym.command_name) {
    if (s == sym.command_name && node.named_child_count() == 1) {
      eval_into(node.named_child(0), scope, sym, out, depth + 1);
      return;
    }
    if (s == sym.command_name) {
      eval_children_with_gaps(node, node.begin(), node.end(), false, scope, sym, out, depth);
      return;
    }
    append_unescaped_word(node.text(), out);
  } else if (s == sym.number) {
    out.value += node.text();
  } else if (s == sym.raw_string) {
    std::string_view t = node.text();
    if (t.size() >= 2) out.value += t.substr(1, t.size() - 2);
  } else if (s == sym.ansi_c_string) {
    append_ansi_c(node.text(), out);
  } else if (s == sym.string || s == sym.translated_string) {
    std::string_view t = node.text();
    uint32_t open = s == sym.translated_string ? 2 : 1;
    if (t.size() < open + 1) return;
    ++out.quoted;
    eval_children_with_gaps(node, node.begin() + open, node.end() - 1, true, scope, sym, out,
                            depth);
    --out.quoted;
  } else if (s == sym.concatenation) {
    eval_children_with_gaps(node, node.begin(), node.end(), false, scope, sym, out, depth);
  } else if (s == sym.simple_expansion) {
    std::string_view t = node.text();
    eval_variable(t.size() > 1 ? t.substr(1) : std::string_view(), t, scope, out);
  } else if (s == sym.expansion) {
    eval_expansion(node, scope, sym, out, depth);
  } else if (s == sym.string_content) {
    append_unescaped_dquoted(node.text(), out);
  } else if (s == sym.variable_assignment && node.child_by_field(sym.name) &&
             node.text().substr(node.child_by_field(sym.name).end() - node.begin(), 1) == "=") {
    // `NAME=value`: the name, `=` and the value after quote removal and substitution.
    out.value += node.child_by_field(sym.name).text();
    out.value += '=';
    if (ts::Node v = node.child_by_field(sym.value)) eval_into(v, scope, sym, out, depth + 1);
  } else {
    // $(...), `...`, $((...)), {a,b}, <(...), globs with extglob, errors: dynamic.
    append_dynamic(node.text(), out.value);
    out.is_static = false;
  }
}

bool has_backslash(std::string_view s) { return s.find('\\') != std::string_view::npos; }

}  // namespace

ShellWord eval_word(ts::Node node, const Scope& scope, uint32_t base,
                    const std::vector<LogicalText::Segment>& segments) {
  return eval_fields(node, scope, base, segments, nullptr);
}

std::vector<ShellWord> eval_argv_word(ts::Node node, const Scope& scope, uint32_t base,
                                      const std::vector<LogicalText::Segment>& segments) {
  std::vector<ShellWord> fields;
  ShellWord w = eval_fields(node, scope, base, segments, &fields);
  if (w.value_shift != -2) fields.push_back(std::move(w));
  return fields;
}

ShellWord eval_fields(ts::Node node, const Scope& scope, uint32_t base,
                      const std::vector<LogicalText::Segment>& segments,
                      std::vector<ShellWord>* fields) {
  const BashSymbols& sym = bash_symbols();
  Builder b;
  eval_into(node, scope, sym, b, 0);
  ShellWord w;
  w.raw = std::string(node.text().substr(0, kMaxRaw));
  w.value = std::move(b.value);
  w.is_static = b.is_static;
  w.logical_begin = base + node.begin();
  w.logical_end = base + node.end();
  w.span = map_range(segments, w.logical_begin, w.logical_end);
  // Exact value -> source mapping for plain and singly quoted literals.
  ts::Node inner = node;
  if (inner.symbol() == sym.command_name && inner.named_child_count() == 1) {
    inner = inner.named_child(0);
  }
  ts::Symbol s = inner.symbol();
  std::string_view raw = inner.text();
  if ((s == sym.word || s == sym.number) && !has_backslash(raw) && w.value == raw) {
    w.value_shift = static_cast<int32_t>(inner.begin() - node.begin());
  } else if ((s == sym.raw_string || s == sym.string) && w.is_static && !has_backslash(raw) &&
             raw.size() >= 2 && w.value == raw.substr(1, raw.size() - 2)) {
    w.value_shift = static_cast<int32_t>(inner.begin() - node.begin()) + 1;
  }
  if (fields != nullptr && b.needs_split) {
    // `pkgs='a b'; pip install $pkgs`: the expansion is split into several arguments, each
    // pointing at the whole word.
    size_t i = 0;
    const std::string& v = w.value;
    while (i < v.size()) {
      while (i < v.size() && (v[i] == ' ' || v[i] == '\t' || v[i] == '\n')) ++i;
      size_t start = i;
      while (i < v.size() && v[i] != ' ' && v[i] != '\t' && v[i] != '\n') ++i;
      if (i > start) {
        ShellWord f = w;
        f.value = v.substr(start, i - start);
        f.value_shift = -1;
        fields->push_back(std::move(f));
      }
    }
    w.value_shift = -2;  // marks "split into `fields`" (possibly none)
  }
  return w;
}

}  // namespace dockml::shell::detail
