// Shell patterns of BuildKit's `${v#p}`, `${v%p}`, `${v/p/r}` expansions: `*` (any run of
// characters), `?` (one character), `\` escaping `*` `?` `\` (and `\}` `\/` standing for
// the delimiters); no bracket expressions. Like BuildKit (which compiles them to Go regular
// expressions), `*` and `?` never match a newline, characters are UTF-8 code points, a
// shortest match is asked with `#`/`%` and a longest with `##`/`%%`/`/`.
//
// Matching simulates the pattern's automaton with bit sets: O(value × pattern / 64) time,
// no backtracking, whatever the input.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dockml {

class GlobPattern {
 public:
  struct Token {
    enum Kind : uint8_t { kLiteral, kAnyChar, kAnyRun } kind;
    char32_t cp = 0;  // kLiteral
  };

  // Parses `pattern` (after the lexer kept its escapes). On error returns nullopt and sets
  // `error` to BuildKit's reason, e.g. "invalid escape '\x'".
  static std::optional<GlobPattern> compile(std::string_view pattern, std::string* error);

  const std::vector<Token>& tokens() const { return tokens_; }

  // `${v#p}` / `${v##p}`: `value` without its shortest/longest prefix matching the pattern
  // (unchanged when none matches).
  std::string trim_prefix(std::string_view value, bool longest) const;
  // `${v%p}` / `${v%%p}`: the same at the end.
  std::string trim_suffix(std::string_view value, bool longest) const;
  // `${v/p/r}` (all = false): the leftmost, longest match replaced by `replacement` as is.
  // `${v//p/r}` (all = true): every non-overlapping match, Go ReplaceAllString semantics
  // (empty matches next to a previous match are skipped; `$0`/`${0}` in `replacement` is the
  // matched text, other `$name` expand empty, `$$` is `$`).
  std::string replace(std::string_view value, std::string_view replacement, bool all) const;

 private:
  explicit GlobPattern(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}
  std::vector<Token> tokens_;
};

}  // namespace dockml
