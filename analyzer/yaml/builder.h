// Internal: converts tree-sitter-yaml trees into yaml::Node trees (see yaml.h).
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

#include "analyzer/ts/ts.h"
#include "analyzer/yaml/yaml.h"

namespace dockml::yaml {

struct YamlSymbols {
  ts::Symbol stream, document, block_node, flow_node, block_mapping, block_mapping_pair,
      block_sequence, block_sequence_item, flow_mapping, flow_pair, flow_sequence, plain_scalar,
      single_quote_scalar, double_quote_scalar, block_scalar, alias, alias_name, anchor,
      anchor_name, tag, boolean_scalar, integer_scalar, float_scalar, null_scalar,
      string_scalar, timestamp_scalar, comment;
  ts::FieldId key, value;
};

const YamlSymbols& yaml_symbols();
const ts::SymbolTable& yaml_symbol_table();

class Builder {
 public:
  Builder(Stream& stream, const Limits& limits) : stream_(stream), limits_(limits) {}

  // Parses `text` (a run of whole documents at offset `base` of the source) and appends
  // its documents and errors to the stream.
  void build_chunk(std::string_view text, uint32_t base);

  void error(std::string message, Span span);

 private:
  void report_syntax_errors(const ts::Node& root);
  void build_document(const ts::Node& doc);
  Node* convert(const ts::Node& n, uint32_t depth);
  Node* convert_content(const ts::Node& n, uint32_t depth);
  Node* null_at(uint32_t offset);
  Node* scalar(const ts::Node& n);
  Node* alias(const ts::Node& n);
  void finish_mapping(Node& m);
  void merge_into(Node& m, const std::vector<const Node*>& sources, Span where);
  Span span(const ts::Node& n) const { return Span{n.begin() + base_, n.end() + base_}; }

  Stream& stream_;
  const Limits& limits_;
  std::string_view text_;
  uint32_t base_ = 0;
  std::unordered_map<std::string, const Node*> anchors_;  // per document
  uint64_t expansion_ = 0;                                 // per document
  bool depth_reported_ = false;                            // per document
};

}  // namespace dockml::yaml
