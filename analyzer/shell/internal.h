// Internals of the shell front end shared by its .cpp files (not for rules).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/shell/shell.h"
#include "analyzer/ts/ts.h"

namespace dockml::shell::detail {

// Node types and fields of tree-sitter-bash used by the walker, resolved once.
struct BashSymbols {
  ts::Symbol program, command, command_name, word, number, string, string_content, raw_string,
      ansi_c_string, translated_string, concatenation, simple_expansion, expansion,
      variable_name, special_variable_name, command_substitution, process_substitution,
      arithmetic_expansion, list, pipeline, subshell, negated_command, redirected_statement,
      variable_assignment, declaration_command, file_redirect, heredoc_redirect,
      herestring_redirect, heredoc_body, heredoc_start, if_statement, for_statement,
      c_style_for_statement, while_statement, function_definition, case_statement, error;
  ts::FieldId name, argument, body, redirect, destination, value, operator_, right;
  std::string error_text;  // "" when every name resolved
};
const BashSymbols& bash_symbols();

// Variables: script-local assignments first, then the Dockerfile's known values.
class Scope {
 public:
  explicit Scope(const VarLookup* outer) : outer_(outer) {}
  // nullopt value: assigned, value unknown.
  void assign(std::string name, std::optional<std::string> value) {
    locals_[std::move(name)] = std::move(value);
  }
  // Known value, or nullopt when unknown (also when the Dockerfile does not set it: the
  // base image may).
  std::optional<std::string> get(std::string_view name) const;

 private:
  const VarLookup* outer_;
  std::map<std::string, std::optional<std::string>, std::less<>> locals_;
};

// Evaluates a word-like node (word, string, concatenation, expansion, ...) of a tree parsed
// from the script text at offset `base`; the span is mapped with `segments`.
ShellWord eval_word(ts::Node node, const Scope& scope, uint32_t base,
                    const std::vector<LogicalText::Segment>& segments);
// As eval_word, for an argv word: an unquoted expansion whose known value holds blanks is
// split into several words (each with the whole word's span); may return no word.
std::vector<ShellWord> eval_argv_word(ts::Node node, const Scope& scope, uint32_t base,
                                      const std::vector<LogicalText::Segment>& segments);
// Shared implementation; fills `fields` only when field splitting applies.
ShellWord eval_fields(ts::Node node, const Scope& scope, uint32_t base,
                      const std::vector<LogicalText::Segment>& segments,
                      std::vector<ShellWord>* fields);

// Maps [b, e) of `segments`' logical text to the source (first through last byte); gaps
// between segments (synthetic bytes) map to the nearest mapped byte. No segments: identity.
Span map_range(const std::vector<LogicalText::Segment>& segments, uint32_t b, uint32_t e);

// The walker: parses out.text[base, base + length) and appends its commands to `out`.
// `nesting` counts heredoc/`sh -c` scripts parsed inside scripts (bounded).
void parse_into(ShellScript& out, uint32_t base, uint32_t length, const ShellOptions& options,
                Scope& scope, uint16_t context, int nesting);

// The basename of a path-like command name ("/usr/bin/pip3" -> "pip3").
std::string_view base_name(std::string_view path);

// Index of the program after wrapper commands (sudo, env, time, ...).
uint32_t find_program(const std::vector<ShellWord>& argv);

}  // namespace dockml::shell::detail
