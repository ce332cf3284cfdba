#include "analyzer/yaml/builder.h"

#include <algorithm>
#include <unordered_set>

#include <fmt/format.h>

#include "analyzer/yaml/scalar.h"

namespace dockml::yaml {
namespace {

uint64_t add_weight(uint64_t a, uint64_t b) {
  constexpr uint64_t kCap = uint64_t{1} << 62;
  return std::min(kCap, a + b);
}

// A short, single-line excerpt of source text for messages.
std::string excerpt(std::string_view text) {
  size_t nl = text.find_first_of("\r\n");
  std::string_view line = text.substr(0, nl);
  if (line.size() > 40) return std::string(line.substr(0, 40)) + "...";
  return std::string(line);
}

}  // namespace

const ts::SymbolTable& yaml_symbol_table() {
  static const ts::SymbolTable table(
      ts::Grammar::kYaml,
      {{"stream"}, {"document"}, {"block_node"}, {"flow_node"}, {"block_mapping"},
       {"block_mapping_pair"}, {"block_sequence"}, {"block_sequence_item"}, {"flow_mapping"},
       {"flow_pair"}, {"flow_sequence"}, {"plain_scalar"}, {"single_quote_scalar"},
       {"double_quote_scalar"}, {"block_scalar"}, {"alias"}, {"alias_name"}, {"anchor"},
       {"anchor_name"}, {"tag"}, {"boolean_scalar"}, {"integer_scalar"}, {"float_scalar"},
       {"null_scalar"}, {"string_scalar"}, {"timestamp_scalar"}, {"comment"}},
      {"key", "value"});
  return table;
}

const YamlSymbols& yaml_symbols() {
  static const YamlSymbols s = [] {
    const ts::SymbolTable& t = yaml_symbol_table();
    YamlSymbols y{};
    y.stream = t.symbol("stream");
    y.document = t.symbol("document");
    y.block_node = t.symbol("block_node");
    y.flow_node = t.symbol("flow_node");
    y.block_mapping = t.symbol("block_mapping");
    y.block_mapping_pair = t.symbol("block_mapping_pair");
    y.block_sequence = t.symbol("block_sequence");
    y.block_sequence_item = t.symbol("block_sequence_item");
    y.flow_mapping = t.symbol("flow_mapping");
    y.flow_pair = t.symbol("flow_pair");
    y.flow_sequence = t.symbol("flow_sequence");
    y.plain_scalar = t.symbol("plain_scalar");
    y.single_quote_scalar = t.symbol("single_quote_scalar");
    y.double_quote_scalar = t.symbol("double_quote_scalar");
    y.block_scalar = t.symbol("block_scalar");
    y.alias = t.symbol("alias");
    y.alias_name = t.symbol("alias_name");
    y.anchor = t.symbol("anchor");
    y.anchor_name = t.symbol("anchor_name");
    y.tag = t.symbol("tag");
    y.boolean_scalar = t.symbol("boolean_scalar");
    y.integer_scalar = t.symbol("integer_scalar");
    y.float_scalar = t.symbol("float_scalar");
    y.null_scalar = t.symbol("null_scalar");
    y.string_scalar = t.symbol("string_scalar");
    y.timestamp_scalar = t.symbol("timestamp_scalar");
    y.comment = t.symbol("comment");
    y.key = t.field("key");
    y.value = t.field("value");
    return y;
  }();
  return s;
}

void Builder::error(std::string message, Span span) {
  Position pos = stream_.source ? stream_.source->position(span.begin) : Position{};
  stream_.errors.push_back({std::move(message), span, pos});
}

void Builder::build_chunk(std::string_view text, uint32_t base) {
  text_ = text;
  base_ = base;
  auto tree = ts::Parser::for_thread(ts::Grammar::kYaml).parse(std::string(text));
  if (!tree) {
    error("YAML too large or complex to parse; not analysed",
          Span{base, base + static_cast<uint32_t>(text.size())});
    return;
  }
  ts::Node root = tree->root();
  report_syntax_errors(root);
  const YamlSymbols& sym = yaml_symbols();
  if (root.symbol() == sym.document) {
    build_document(root);
    return;
  }
  for (uint32_t i = 0; i < root.named_child_count(); ++i) {
    ts::Node child = root.named_child(i);
    if (child.symbol() == sym.document) build_document(child);
  }
}

// Reports the outermost ERROR nodes and every MISSING node (iteratively).
void Builder::report_syntax_errors(const ts::Node& root) {
  if (!root.has_error()) return;
  std::vector<ts::Node> stack{root};
  std::vector<std::pair<uint32_t, std::string>> found;
  while (!stack.empty()) {
    ts::Node n = stack.back();
    stack.pop_back();
    if (n.is_missing()) {
      error(fmt::format("invalid YAML: missing '{}'", n.type()), Span{span(n).begin, span(n).begin});
      continue;
    }
    if (n.is_error()) {
      std::string_view t = n.text();
      size_t skip = t.find_first_not_of(" \t\r\n");
      std::string what = skip == std::string_view::npos ? "" : excerpt(t.substr(skip));
      Span s = span(n);
      if (skip != std::string_view::npos) s.begin += static_cast<uint32_t>(skip);
      error(what.empty() ? std::string("invalid YAML")
                         : fmt::format("invalid YAML near '{}'", what),
            s);
      continue;
    }
    for (uint32_t i = n.child_count(); i > 0; --i) {
      ts::Node c = n.child(i - 1);
      if (c.has_error()) stack.push_back(c);
    }
  }
}

void Builder::build_document(const ts::Node& doc) {
  anchors_.clear();
  expansion_ = 0;
  depth_reported_ = false;
  const YamlSymbols& sym = yaml_symbols();
  for (uint32_t i = 0; i < doc.named_child_count(); ++i) {
    ts::Node c = doc.named_child(i);
    if (c.symbol() == sym.block_node || c.symbol() == sym.flow_node) {
      Node* root = convert(c, 0);
      stream_.documents.push_back({root, span(doc)});
      return;
    }
  }
}

Node* Builder::null_at(uint32_t offset) {
  Node& n = stream_.new_node();
  n.span = Span{offset, offset};
  return &n;
}

// A block_node / flow_node: properties (anchor, tag) and content.
Node* Builder::convert(const ts::Node& n, uint32_t depth) {
  const YamlSymbols& sym = yaml_symbols();
  if (n.symbol() != sym.block_node && n.symbol() != sym.flow_node) {
    return convert_content(n, depth);
  }
  std::string anchor, tag;
  ts::Node content;
  for (uint32_t i = 0; i < n.named_child_count(); ++i) {
    ts::Node c = n.named_child(i);
    if (c.symbol() == sym.anchor) {
      std::string_view t = c.text();
      anchor = std::string(t.substr(t.empty() ? 0 : 1));
    } else if (c.symbol() == sym.tag) {
      tag = std::string(c.text());
    } else if (c.symbol() != sym.comment && !c.is_error() && !content) {
      content = c;
    }
  }
  Node* node = content ? convert_content(content, depth) : null_at(span(n).end);
  node->tag = tag;
  if (!anchor.empty() && node->kind != Kind::kAlias) {
    node->anchor = anchor;
    anchors_[anchor] = node;  // registered once complete: an alias cannot reach its ancestor
  }
  return node;
}

Node* Builder::convert_content(const ts::Node& n, uint32_t depth) {
  const YamlSymbols& sym = yaml_symbols();
  ts::Symbol s = n.symbol();
  if (s == sym.plain_scalar || s == sym.single_quote_scalar || s == sym.double_quote_scalar ||
      s == sym.block_scalar) {
    return scalar(n);
  }
  if (s == sym.alias) return alias(n);
  bool is_map = s == sym.block_mapping || s == sym.flow_mapping || s == sym.flow_pair;
  bool is_seq = s == sym.block_sequence || s == sym.flow_sequence;
  if (!is_map && !is_seq) return null_at(span(n).begin);  // ERROR or unknown: reported
  if (depth >= limits_.max_depth) {
    if (!depth_reported_) {
      error(fmt::format("YAML nested deeper than {} levels; the deeper part is ignored",
                        limits_.max_depth),
            span(n));
      depth_reported_ = true;
    }
    return null_at(span(n).begin);
  }
  Node& node = stream_.new_node();
  node.span = span(n);
  if (is_seq) {
    node.kind = Kind::kSequence;
    for (uint32_t i = 0; i < n.named_child_count(); ++i) {
      ts::Node c = n.named_child(i);
      if (c.is_error() || c.symbol() == sym.comment) continue;
      Node* item = nullptr;
      if (c.symbol() == sym.block_sequence_item) {
        ts::Node inner;
        for (uint32_t k = 0; k < c.named_child_count(); ++k) {
          ts::Node x = c.named_child(k);
          if (!x.is_error() && x.symbol() != sym.comment) inner = x;
        }
        item = inner ? convert(inner, depth + 1) : null_at(span(c).end);
      } else {
        item = convert(c, depth + 1);  // flow_node, or a flow_pair ("[a: b]")
      }
      node.items.push_back(item);
      node.weight_ = add_weight(node.weight_, item->weight_);
    }
    return &node;
  }
  node.kind = Kind::kMapping;
  auto add_pair = [&](const ts::Node& pair) {
    ts::Node k = pair.child_by_field(sym.key);
    ts::Node v = pair.child_by_field(sym.value);
    Node* key = k ? convert(k, depth + 1) : null_at(span(pair).begin);
    uint32_t value_at = span(pair).end;
    Node* value = v ? convert(v, depth + 1) : null_at(value_at);
    node.pairs.push_back({key, value, false});
    node.weight_ = add_weight(node.weight_, add_weight(key->weight_, value->weight_));
  };
  if (s == sym.flow_pair) {
    add_pair(n);
  } else {
    for (uint32_t i = 0; i < n.named_child_count(); ++i) {
      ts::Node c = n.named_child(i);
      if (c.is_error() || c.symbol() == sym.comment) continue;
      if (c.symbol() == sym.block_mapping_pair || c.symbol() == sym.flow_pair) {
        add_pair(c);
      } else if (c.symbol() == sym.flow_node) {  // "{a, b}": keys without values
        Node* key = convert(c, depth + 1);
        node.pairs.push_back({key, null_at(key->span.end), false});
        node.weight_ = add_weight(node.weight_, key->weight_ + 1);
      }
    }
  }
  finish_mapping(node);
  return &node;
}

Node* Builder::scalar(const ts::Node& n) {
  const YamlSymbols& sym = yaml_symbols();
  Node& node = stream_.new_node();
  node.span = span(n);
  std::string_view text = n.text();
  ts::Symbol s = n.symbol();
  node.type = ScalarType::kString;
  if (s == sym.plain_scalar) {
    node.style = ScalarStyle::kPlain;
    node.value = decode_plain(text);
    ts::Node t = n.named_child_count() ? n.named_child(0) : ts::Node();
    ts::Symbol ty = t ? t.symbol() : 0;
    if (ty == sym.null_scalar) node.type = ScalarType::kNull;
    else if (ty == sym.boolean_scalar) node.type = ScalarType::kBool;
    else if (ty == sym.integer_scalar) node.type = ScalarType::kInt;
    else if (ty == sym.float_scalar) node.type = ScalarType::kFloat;
    else if (ty == sym.timestamp_scalar) node.type = ScalarType::kTimestamp;
  } else if (s == sym.single_quote_scalar) {
    node.style = ScalarStyle::kSingleQuoted;
    node.value = decode_single_quoted(text);
  } else if (s == sym.double_quote_scalar) {
    node.style = ScalarStyle::kDoubleQuoted;
    node.value = decode_double_quoted(text);
  } else {
    node.style = !text.empty() && text.front() == '>' ? ScalarStyle::kFolded : ScalarStyle::kLiteral;
    uint32_t begin = n.begin();
    uint32_t line_start = begin;
    while (line_start > 0 && text_[line_start - 1] != '\n') --line_start;
    uint32_t indent = 0;
    while (line_start + indent < begin && text_[line_start + indent] == ' ') ++indent;
    uint32_t breaks = 0;
    size_t pos = text_.find('\n', n.end());
    while (pos != std::string_view::npos) {
      size_t next = text_.find('\n', pos + 1);
      std::string_view line = text_.substr(pos + 1, next == std::string_view::npos
                                                        ? std::string_view::npos
                                                        : next - pos - 1);
      if (next == std::string_view::npos ||
          line.find_first_not_of(" \t\r") != std::string_view::npos) {
        break;
      }
      ++breaks;
      pos = next;
    }
    node.value = decode_block(text, indent, breaks);
  }
  return &node;
}

Node* Builder::alias(const ts::Node& n) {
  Node& node = stream_.new_node();
  node.kind = Kind::kAlias;
  node.span = span(n);
  std::string_view t = n.text();
  node.alias_name = std::string(t.substr(t.empty() ? 0 : 1));
  auto it = anchors_.find(node.alias_name);
  if (it == anchors_.end()) {
    error(fmt::format("alias '*{}' refers to no anchor defined before it", node.alias_name),
          node.span);
    return &node;
  }
  const Node* target = it->second;
  if (expansion_ + target->weight_ > limits_.max_alias_expansion) {
    error(fmt::format("alias '*{}' expands past the limit of {} nodes (alias bomb?); "
                      "left unresolved",
                      node.alias_name, limits_.max_alias_expansion),
          node.span);
    return &node;
  }
  expansion_ += target->weight_;
  node.target = target;
  node.weight_ = target->weight_;
  return &node;
}

void Builder::finish_mapping(Node& m) {
  std::vector<const Node*> merge_sources;
  std::vector<Pair> own;
  Span merge_where{};
  for (const Pair& p : m.pairs) {
    const Node& k = *p.key;
    if (k.kind == Kind::kScalar && k.style == ScalarStyle::kPlain && k.value == "<<" &&
        k.tag.empty()) {
      merge_where = k.span;
      const Node& v = p.value->resolved();
      if (v.kind == Kind::kMapping) {
        merge_sources.push_back(&v);
      } else if (v.kind == Kind::kSequence) {
        for (const Node* item : v.items) {
          if (item->is_mapping()) merge_sources.push_back(&item->resolved());
        }
      } else if (p.value->kind != Kind::kAlias) {  // unresolved aliases were reported
        error("merge key '<<' needs a mapping or a list of mappings", p.value->span);
      }
      continue;
    }
    own.push_back(p);
  }
  m.pairs = std::move(own);
  // Duplicate keys (compose and kubectl reject them; the last one wins here).
  std::unordered_map<std::string_view, const Node*> first;
  for (const Pair& p : m.pairs) {
    if (p.key->kind != Kind::kScalar) continue;
    auto [it, inserted] = first.emplace(p.key->value, p.key);
    if (!inserted && stream_.source) {
      error(fmt::format("duplicate key '{}' (first defined on line {})", p.key->value,
                        stream_.source->position(it->second->span.begin).line + 1),
            p.key->span);
    }
  }
  if (!merge_sources.empty()) merge_into(m, merge_sources, merge_where);
}

void Builder::merge_into(Node& m, const std::vector<const Node*>& sources, Span where) {
  std::unordered_set<std::string_view> keys;
  for (const Pair& p : m.pairs) {
    if (p.key->kind == Kind::kScalar) keys.insert(p.key->value);
  }
  for (const Node* src : sources) {
    for (const Pair& p : src->pairs) {
      const Node& k = p.key->resolved();
      if (k.kind != Kind::kScalar || !keys.insert(k.value).second) continue;
      uint64_t w = add_weight(p.key->weight_, p.value->weight_);
      if (expansion_ + w > limits_.max_alias_expansion) {
        error(fmt::format("merge key '<<' expands past the limit of {} nodes; merge cut short",
                          limits_.max_alias_expansion),
              where);
        return;
      }
      expansion_ += w;
      m.pairs.push_back({p.key, p.value, true});
      m.weight_ = add_weight(m.weight_, w);
    }
  }
}

}  // namespace dockml::yaml
