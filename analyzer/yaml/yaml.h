// A small generic YAML tree built from tree-sitter-yaml: mappings, sequences and scalars
// (decoded), with the span of every key and value, multi-document streams, anchors and
// aliases resolved (an alias points at the anchored node, never copies it), merge keys
// (`<<: *base`) resolved, and every problem (invalid YAML, nesting too deep, alias bombs,
// duplicate keys) reported as an Error value with a position while the rest is still built.
#pragma once

#include <cstdint>
#include <deque>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/source/source_file.h"

namespace dockml::yaml {

enum class Kind { kScalar, kMapping, kSequence, kAlias };
enum class ScalarStyle { kPlain, kSingleQuoted, kDoubleQuoted, kLiteral, kFolded };
// Core-schema type of a plain scalar; quoted and block scalars are always kString.
enum class ScalarType { kString, kNull, kBool, kInt, kFloat, kTimestamp };

struct Node;

struct Pair {
  const Node* key = nullptr;    // never null once built
  const Node* value = nullptr;  // never null: `key:` holds a null scalar with an empty span
  bool merged = false;          // inherited through a `<<` merge key (spans are the base's)
};

struct Node {
  Kind kind = Kind::kScalar;
  Span span;           // the node's text, without its tag and anchor
  std::string tag;     // "!!str", "!Ref" ("" when none)
  std::string anchor;  // "base" for "&base" ("" when none)

  // Scalars.
  std::string value;   // decoded: quotes, escapes, folding and block indentation removed
  ScalarStyle style = ScalarStyle::kPlain;
  ScalarType type = ScalarType::kNull;

  // Mappings: own pairs in order (the `<<` pairs removed), then merged pairs whose key the
  // mapping does not define. Sequences: items in order.
  std::vector<Pair> pairs;
  std::vector<const Node*> items;

  // Aliases: `*name`; `target` is the anchored node, null when undefined or over budget.
  std::string alias_name;
  const Node* target = nullptr;

  // The node itself, or the target of an alias (unresolved aliases stay themselves).
  const Node& resolved() const { return kind == Kind::kAlias && target ? *target : *this; }
  bool is_mapping() const { return resolved().kind == Kind::kMapping; }
  bool is_sequence() const { return resolved().kind == Kind::kSequence; }
  bool is_scalar() const { return resolved().kind == Kind::kScalar; }
  // A null scalar (`~`, `null`, empty value) or an unresolved alias.
  bool is_null() const;
  // The decoded value of a scalar ("" for other kinds).
  std::string_view scalar() const;

  // Mapping lookup by the decoded value of scalar keys; the last definition wins. An alias
  // (this node or a key) is followed; the returned value is as written (it may be an alias
  // whose span is the `*name` use site), and its own accessors follow it in turn.
  const Pair* find(std::string_view key) const;
  const Node* get(std::string_view key) const;
  // get() along a path of keys ("services", "web", "deploy"); null when any step is missing
  // or not a mapping. Values that are aliases are followed.
  const Node* at_path(std::initializer_list<std::string_view> path) const;
  const Node* at_path(const std::vector<std::string_view>& path) const;

  uint64_t weight_ = 1;  // nodes visited when the subtree is walked with aliases expanded
};

struct Error {
  std::string message;  // "invalid YAML: unexpected ']'"
  Span span;
  Position position;    // 0-based line and byte column of span.begin
};

struct Document {
  const Node* root = nullptr;  // never null for documents in a Stream
  Span span;                   // the document's text (from `---` when present)
};

struct Limits {
  uint32_t max_depth = 100;                  // nesting of collections
  uint64_t max_alias_expansion = 1'000'000;  // nodes reachable through aliases, per document
  uint32_t max_document_lines = 32'000;      // tree-sitter-yaml tracks rows in 16 bits
};

class Stream {
 public:
  Stream() : arena_(std::make_unique<std::deque<Node>>()) {}
  Stream(Stream&&) noexcept = default;
  Stream& operator=(Stream&&) noexcept = default;
  Stream(const Stream&) = delete;
  Stream& operator=(const Stream&) = delete;

  SourcePtr source;
  std::vector<Document> documents;  // empty documents are omitted
  std::vector<Error> errors;        // in file order

  // For the builder: a fresh node owned by this stream.
  Node& new_node() { return arena_->emplace_back(); }

 private:
  std::unique_ptr<std::deque<Node>> arena_;  // node addresses stay stable across moves
};

// Parses a whole YAML stream. Never throws; problems land in Stream::errors.
Stream parse_yaml(SourcePtr source, const Limits& limits = {});

}  // namespace dockml::yaml
