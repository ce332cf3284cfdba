// A thin C++ wrapper over the tree-sitter C API (STYLE.md §11).
//
// Ownership and lifetimes:
//  - `Tree` owns a TSTree (ts_tree_delete) and a copy of the parsed text. It is move-only.
//    Moving a Tree keeps every Node taken from it valid: the TSTree and the text live in a
//    heap block whose address does not change on move.
//  - `Node` is a BORROW of a node inside one Tree. A Node must not be used after the Tree it
//    came from (or the Tree it was moved into) is destroyed. Never store Nodes in results
//    that outlive the parse: copy out what you need (type ids, byte ranges, text).
//  - `Parser` owns a TSParser (ts_parser_delete). `Parser::for_thread(grammar)` returns the
//    calling thread's parser for that grammar, so parsing is safe on several threads.
//  - No raw TSNode leaves analyzer/ts/: front ends and rules see only Node.
//
// Node types are identified by symbol ids resolved once from names with `SymbolTable`,
// which checks every name against the grammar and reports the missing ones as a value
// (a test asserts the front ends' tables are complete), never UB at parse time.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Opaque tree-sitter types (tree_sitter/api.h stays out of the headers).
struct TSTree;
struct TSParser;
struct TSLanguage;

namespace dockml::ts {

enum class Grammar { kBash, kRequirements, kYaml };

// "bash", "requirements", "yaml".
std::string_view grammar_name(Grammar grammar);
// The grammar's language object (static data, never null).
const TSLanguage* language(Grammar grammar);

using Symbol = uint16_t;   // TSSymbol
using FieldId = uint16_t;  // TSFieldId; 0 means "no field"

class Tree;

// A raw node handle with the same layout as TSNode (kept private to analyzer/ts/).
struct RawNode {
  uint32_t context[4];
  const void* id;
  const TSTree* tree;
};

class Node {
 public:
  Node() = default;  // the null node

  bool is_null() const;
  explicit operator bool() const { return !is_null(); }

  // Grammar node type, e.g. "command"; "" for the null node.
  std::string_view type() const;
  Symbol symbol() const;
  bool is_named() const;
  bool is_missing() const;   // inserted by error recovery
  bool is_error() const;     // an ERROR node
  bool has_error() const;    // this node or a descendant is an error / missing

  uint32_t begin() const;    // byte offsets into the parsed text
  uint32_t end() const;
  // The node's bytes of the parsed text.
  std::string_view text() const;

  uint32_t child_count() const;
  Node child(uint32_t index) const;
  uint32_t named_child_count() const;
  Node named_child(uint32_t index) const;
  std::vector<Node> named_children() const;
  std::vector<Node> children() const;
  // The field name of child `index` ("" when none).
  std::string_view field_name_for_child(uint32_t index) const;
  Node child_by_field(FieldId field) const;
  Node child_by_field(std::string_view field_name) const;

  Node parent() const;
  Node next_sibling() const;
  Node prev_sibling() const;
  Node next_named_sibling() const;

  // S-expression (for tests and debugging).
  std::string to_sexp() const;

  friend bool operator==(const Node& a, const Node& b);

 private:
  friend class Tree;
  Node(RawNode raw, const std::string* text) : raw_(raw), text_(text) {}
  Node wrap(RawNode raw) const { return Node(raw, text_); }

  RawNode raw_{};
  const std::string* text_ = nullptr;
};

class Tree {
 public:
  Tree(Tree&&) noexcept = default;
  Tree& operator=(Tree&&) noexcept = default;
  Tree(const Tree&) = delete;
  Tree& operator=(const Tree&) = delete;
  ~Tree() = default;

  Node root() const;
  const std::string& text() const { return state_->text; }
  Grammar grammar() const { return grammar_; }
  // Maximum nesting depth of the tree, computed iteratively (no recursion).
  uint32_t depth() const;

 private:
  friend class Parser;
  struct TreeDeleter {
    void operator()(TSTree* tree) const;
  };
  struct State {
    std::string text;
    std::unique_ptr<TSTree, TreeDeleter> tree;
  };
  Tree(Grammar grammar, std::unique_ptr<State> state)
      : grammar_(grammar), state_(std::move(state)) {}

  Grammar grammar_;
  std::unique_ptr<State> state_;
};

class Parser {
 public:
  explicit Parser(Grammar grammar);
  Parser(Parser&&) noexcept = default;
  Parser& operator=(Parser&&) noexcept = default;
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;

  // This thread's parser for `grammar` (created on first use).
  static Parser& for_thread(Grammar grammar);

  // Parses `text`. Returns nullopt when the text is larger than 4 GiB or parsing exceeded
  // `budget` (pathological input); a syntax error still yields a tree with ERROR nodes.
  std::optional<Tree> parse(std::string text,
                            std::chrono::milliseconds budget = std::chrono::milliseconds(5000));

  Grammar grammar() const { return grammar_; }

 private:
  struct ParserDeleter {
    void operator()(TSParser* parser) const;
  };
  Grammar grammar_;
  std::unique_ptr<TSParser, ParserDeleter> parser_;
};

// Node-type and field names resolved against a grammar. Construct once (e.g. in a
// function-local static) with every name the front end uses; `ok()` is false and `error()`
// lists the names the grammar lacks. Lookups of names that failed return 0, which matches
// no real node, so a broken table degrades to "nothing recognised" rather than UB.
class SymbolTable {
 public:
  struct Name {
    std::string_view name;
    bool named = true;  // false for anonymous tokens such as "&&"
  };
  SymbolTable(Grammar grammar, std::vector<Name> symbols, std::vector<std::string_view> fields);

  bool ok() const { return error_.empty(); }
  // "tree-sitter-bash has no node type 'foo'; no field 'bar'" ("" when complete).
  const std::string& error() const { return error_; }

  // The symbol for a listed name (0 when the name was not listed or is missing).
  Symbol symbol(std::string_view name, bool named = true) const;
  FieldId field(std::string_view name) const;

 private:
  struct Entry {
    std::string name;
    bool named;
    Symbol symbol;
  };
  Grammar grammar_;
  std::vector<Entry> symbols_;
  std::vector<std::pair<std::string, FieldId>> fields_;
  std::string error_;
};

}  // namespace dockml::ts
