#include "analyzer/ts/ts.h"

#include <tree_sitter/api.h>

#include <cstring>
#include <limits>

extern "C" {
const TSLanguage* tree_sitter_bash(void);
const TSLanguage* tree_sitter_requirements(void);
const TSLanguage* tree_sitter_yaml(void);
}

namespace dockml::ts {

static_assert(sizeof(RawNode) == sizeof(TSNode), "RawNode must mirror TSNode");
static_assert(sizeof(Symbol) == sizeof(TSSymbol));
static_assert(sizeof(FieldId) == sizeof(TSFieldId));

namespace {

TSNode to_ts(const RawNode& raw) {
  TSNode node;
  std::memcpy(&node, &raw, sizeof node);
  return node;
}

RawNode from_ts(TSNode node) {
  RawNode raw;
  std::memcpy(&raw, &node, sizeof raw);
  return raw;
}

}  // namespace

std::string_view grammar_name(Grammar grammar) {
  switch (grammar) {
    case Grammar::kBash: return "bash";
    case Grammar::kRequirements: return "requirements";
    case Grammar::kYaml: return "yaml";
  }
  return "";
}

const TSLanguage* language(Grammar grammar) {
  switch (grammar) {
    case Grammar::kBash: return tree_sitter_bash();
    case Grammar::kRequirements: return tree_sitter_requirements();
    case Grammar::kYaml: return tree_sitter_yaml();
  }
  return tree_sitter_bash();
}

// ---- Node ----

bool Node::is_null() const { return text_ == nullptr || ts_node_is_null(to_ts(raw_)); }

std::string_view Node::type() const {
  if (is_null()) return "";
  const char* t = ts_node_type(to_ts(raw_));
  return t ? std::string_view(t) : std::string_view();
}

Symbol Node::symbol() const { return is_null() ? 0 : ts_node_symbol(to_ts(raw_)); }
bool Node::is_named() const { return !is_null() && ts_node_is_named(to_ts(raw_)); }
bool Node::is_missing() const { return !is_null() && ts_node_is_missing(to_ts(raw_)); }
bool Node::is_error() const { return !is_null() && ts_node_is_error(to_ts(raw_)); }
bool Node::has_error() const { return !is_null() && ts_node_has_error(to_ts(raw_)); }
uint32_t Node::begin() const { return is_null() ? 0 : ts_node_start_byte(to_ts(raw_)); }
uint32_t Node::end() const { return is_null() ? 0 : ts_node_end_byte(to_ts(raw_)); }

std::string_view Node::text() const {
  if (is_null()) return {};
  uint32_t b = begin(), e = end();
  if (b > e || e > text_->size()) return {};
  return std::string_view(*text_).substr(b, e - b);
}

uint32_t Node::child_count() const { return is_null() ? 0 : ts_node_child_count(to_ts(raw_)); }
Node Node::child(uint32_t index) const {
  if (is_null()) return {};
  return wrap(from_ts(ts_node_child(to_ts(raw_), index)));
}
uint32_t Node::named_child_count() const {
  return is_null() ? 0 : ts_node_named_child_count(to_ts(raw_));
}
Node Node::named_child(uint32_t index) const {
  if (is_null()) return {};
  return wrap(from_ts(ts_node_named_child(to_ts(raw_), index)));
}

std::vector<Node> Node::children() const {
  std::vector<Node> out;
  if (is_null()) return out;
  TSTreeCursor cursor = ts_tree_cursor_new(to_ts(raw_));
  if (ts_tree_cursor_goto_first_child(&cursor)) {
    do {
      out.push_back(wrap(from_ts(ts_tree_cursor_current_node(&cursor))));
    } while (ts_tree_cursor_goto_next_sibling(&cursor));
  }
  ts_tree_cursor_delete(&cursor);
  return out;
}

std::vector<Node> Node::named_children() const {
  std::vector<Node> out;
  for (const Node& n : children()) {
    if (n.is_named()) out.push_back(n);
  }
  return out;
}

std::string_view Node::field_name_for_child(uint32_t index) const {
  if (is_null()) return "";
  const char* name = ts_node_field_name_for_child(to_ts(raw_), index);
  return name ? std::string_view(name) : std::string_view();
}

Node Node::child_by_field(FieldId field) const {
  if (is_null() || field == 0) return {};
  return wrap(from_ts(ts_node_child_by_field_id(to_ts(raw_), field)));
}

Node Node::child_by_field(std::string_view field_name) const {
  if (is_null()) return {};
  return wrap(from_ts(ts_node_child_by_field_name(to_ts(raw_), field_name.data(),
                                                  static_cast<uint32_t>(field_name.size()))));
}

Node Node::parent() const {
  return is_null() ? Node() : wrap(from_ts(ts_node_parent(to_ts(raw_))));
}
Node Node::next_sibling() const {
  return is_null() ? Node() : wrap(from_ts(ts_node_next_sibling(to_ts(raw_))));
}
Node Node::prev_sibling() const {
  return is_null() ? Node() : wrap(from_ts(ts_node_prev_sibling(to_ts(raw_))));
}
Node Node::next_named_sibling() const {
  return is_null() ? Node() : wrap(from_ts(ts_node_next_named_sibling(to_ts(raw_))));
}

std::string Node::to_sexp() const {
  if (is_null()) return "";
  char* s = ts_node_string(to_ts(raw_));
  std::string out = s ? s : "";
  std::free(s);
  return out;
}

bool operator==(const Node& a, const Node& b) {
  if (a.is_null() || b.is_null()) return a.is_null() == b.is_null();
  return ts_node_eq(to_ts(a.raw_), to_ts(b.raw_));
}

// ---- Tree ----

void Tree::TreeDeleter::operator()(TSTree* tree) const { ts_tree_delete(tree); }

Node Tree::root() const {
  return Node(from_ts(ts_tree_root_node(state_->tree.get())), &state_->text);
}

uint32_t Tree::depth() const {
  TSTreeCursor cursor = ts_tree_cursor_new(ts_tree_root_node(state_->tree.get()));
  uint32_t depth = 0, max_depth = 0;
  for (;;) {
    if (ts_tree_cursor_goto_first_child(&cursor)) {
      ++depth;
      if (depth > max_depth) max_depth = depth;
      continue;
    }
    bool advanced = false;
    while (!advanced) {
      if (ts_tree_cursor_goto_next_sibling(&cursor)) {
        advanced = true;
      } else if (ts_tree_cursor_goto_parent(&cursor)) {
        --depth;
      } else {
        ts_tree_cursor_delete(&cursor);
        return max_depth;
      }
    }
  }
}

// ---- Parser ----

void Parser::ParserDeleter::operator()(TSParser* parser) const { ts_parser_delete(parser); }

Parser::Parser(Grammar grammar) : grammar_(grammar), parser_(ts_parser_new()) {
  ts_parser_set_language(parser_.get(), language(grammar));
}

Parser& Parser::for_thread(Grammar grammar) {
  thread_local Parser bash(Grammar::kBash);
  thread_local Parser requirements(Grammar::kRequirements);
  thread_local Parser yaml(Grammar::kYaml);
  switch (grammar) {
    case Grammar::kBash: return bash;
    case Grammar::kRequirements: return requirements;
    case Grammar::kYaml: return yaml;
  }
  return bash;
}

namespace {

struct Budget {
  std::chrono::steady_clock::time_point deadline;
  bool exceeded = false;
};

bool over_budget(TSParseState* state) {
  auto* budget = static_cast<Budget*>(state->payload);
  if (std::chrono::steady_clock::now() > budget->deadline) budget->exceeded = true;
  return budget->exceeded;
}

}  // namespace

std::optional<Tree> Parser::parse(std::string text, std::chrono::milliseconds budget_ms) {
  if (text.size() > std::numeric_limits<uint32_t>::max()) return std::nullopt;
  auto state = std::make_unique<Tree::State>();
  state->text = std::move(text);
  Budget budget{std::chrono::steady_clock::now() + budget_ms};
  struct Input {
    const std::string* text;
  } input_payload{&state->text};
  TSInput input{};
  input.payload = &input_payload;
  input.read = [](void* payload, uint32_t byte, TSPoint, uint32_t* bytes_read) -> const char* {
    const std::string& s = *static_cast<Input*>(payload)->text;
    if (byte >= s.size()) {
      *bytes_read = 0;
      return "";
    }
    *bytes_read = static_cast<uint32_t>(s.size() - byte);
    return s.data() + byte;
  };
  input.encoding = TSInputEncodingUTF8;
  TSParseOptions options{&budget, &over_budget};
  TSTree* tree = ts_parser_parse_with_options(parser_.get(), nullptr, input, options);
  if (tree == nullptr) {
    ts_parser_reset(parser_.get());  // a cancelled parse must not resume on the next call
    return std::nullopt;
  }
  state->tree.reset(tree);
  return Tree(grammar_, std::move(state));
}

// ---- SymbolTable ----

SymbolTable::SymbolTable(Grammar grammar, std::vector<Name> symbols,
                         std::vector<std::string_view> fields)
    : grammar_(grammar) {
  const TSLanguage* lang = language(grammar);
  std::string missing_types, missing_fields;
  for (const Name& n : symbols) {
    TSSymbol s = ts_language_symbol_for_name(lang, n.name.data(),
                                             static_cast<uint32_t>(n.name.size()), n.named);
    if (s == 0) {
      if (!missing_types.empty()) missing_types += ", ";
      missing_types += "'" + std::string(n.name) + "'";
    }
    symbols_.push_back({std::string(n.name), n.named, s});
  }
  for (std::string_view f : fields) {
    TSFieldId id = ts_language_field_id_for_name(lang, f.data(), static_cast<uint32_t>(f.size()));
    if (id == 0) {
      if (!missing_fields.empty()) missing_fields += ", ";
      missing_fields += "'" + std::string(f) + "'";
    }
    fields_.emplace_back(std::string(f), id);
  }
  if (!missing_types.empty() || !missing_fields.empty()) {
    error_ = "tree-sitter-" + std::string(grammar_name(grammar)) + " grammar lacks";
    if (!missing_types.empty()) error_ += " node types " + missing_types;
    if (!missing_types.empty() && !missing_fields.empty()) error_ += " and";
    if (!missing_fields.empty()) error_ += " fields " + missing_fields;
  }
}

Symbol SymbolTable::symbol(std::string_view name, bool named) const {
  for (const Entry& e : symbols_) {
    if (e.name == name && e.named == named) return e.symbol;
  }
  return 0;
}

FieldId SymbolTable::field(std::string_view name) const {
  for (const auto& [n, id] : fields_) {
    if (n == name) return id;
  }
  return 0;
}

}  // namespace dockml::ts
