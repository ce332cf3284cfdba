// BuildKit's variable expansion (its `shell` lexer): quote removal, the escape character
// and `$v`, `${v}`, `${v:-w}`, `${v-w}`, `${v:+w}`, `${v+w}`, `${v:?e}`, `${v?e}`, `${v#p}`,
// `${v##p}`, `${v%p}`, `${v%%p}`, `${v/p/r}`, `${v//p/r}`, positional (`$1`, always unset)
// and special parameters (`$@ $* $# $? $- $$ $! $0`, always unset). See SYNTAX.md §10.
//
// One left-to-right pass over the text (nested `${a:-${b}}` words are processed once, at
// most ExpandOptions::max_depth levels deep); patterns are matched by GlobPattern without
// backtracking. Errors are values: no exception, no unbounded recursion.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dockml {

// What a lookup knows about a variable.
struct VarValue {
  enum class State : uint8_t {
    kUnset,    // not defined: expands to "" (or stays as written with keep_unset)
    kSet,      // defined with `value` (possibly empty)
    kUnknown,  // defined, value not known statically (ARG without default or --build-arg)
  };
  State state = State::kUnset;
  // kSet: the value. kUnknown: optionally the value as far as it is known, with the unknown
  // parts written as in the source (e.g. "${REGISTRY}/python"); empty when nothing is known.
  // Must outlive the expansion call.
  std::string_view value;

  static VarValue unset() { return {}; }
  static VarValue set(std::string_view v) { return {State::kSet, v}; }
  static VarValue unknown(std::string_view partial = {}) { return {State::kUnknown, partial}; }
};

// Variable lookup. Implementations must be cheap and side-effect free.
class VarLookup {
 public:
  virtual ~VarLookup() = default;
  virtual VarValue get(std::string_view name) const = 0;
};

// A lookup that knows nothing: every variable is unset.
class EmptyLookup final : public VarLookup {
 public:
  VarValue get(std::string_view) const override { return VarValue::unset(); }
};

// A simple name -> value map. With case_insensitive (BuildKit running on Windows) names are
// compared ignoring ASCII case.
class VarMap final : public VarLookup {
 public:
  explicit VarMap(bool case_insensitive = false) : case_insensitive_(case_insensitive) {}
  void set(std::string_view name, std::string_view value);
  void set_unknown(std::string_view name);
  void erase(std::string_view name);
  VarValue get(std::string_view name) const override;

 private:
  std::string key(std::string_view name) const;
  struct Entry {
    bool known = true;
    std::string value;
  };
  bool case_insensitive_;
  std::map<std::string, Entry, std::less<>> vars_;
};

struct ExpandOptions {
  char escape = '\\';           // the Dockerfile's escape character (`\` or backtick)
  bool process_quotes = true;   // false: quotes are ordinary characters (SkipProcessQuotes)
  bool raw_quotes = false;      // keep the quote characters in the output (RawQuotes)
  bool raw_escapes = false;     // keep escape characters in the output (RawEscapes)
  // Leave unset variables as written (BuildKit's SkipUnsetEnv; `${v:-w}` is rebuilt from
  // the processed word as BuildKit does). A reference to a variable of unknown value is
  // always left as written (its source text; a plain `$v`/`${v}` with a partial value is
  // replaced by that partial text) and makes ExpandResult::exact false.
  bool keep_unset = false;
  uint32_t max_depth = 100;     // nesting limit of `${v:-${w:-...}}` words
};

// One `$name` / `${name...}` reference, in order of its `$` in the input.
struct VarRef {
  enum class Kind : uint8_t { kNamed, kPositional, kSpecial };
  std::string name;
  Kind kind = Kind::kNamed;
  uint32_t begin = 0, end = 0;            // the whole reference, `$` through `}`
  uint32_t name_begin = 0, name_end = 0;  // the name
  bool braced = false;
  std::string op;       // "", ":-", "-", ":+", "+", ":?", "?", "#", "##", "%", "%%", "/", "//"
  uint32_t depth = 0;   // 0 at top level, 1 inside the word of another `${...}`, ...
  bool in_double_quotes = false;
  VarValue::State state = VarValue::State::kUnset;  // what the lookup said
};

struct ExpandError {
  std::string message;  // e.g. "syntax error: missing '}'", "FOO: is not allowed to be unset"
  uint32_t begin = 0;   // start of the offending construct (`$` of `${`, an opening quote)
  uint32_t end = 0;     // where the problem was detected (<= text size)
};

struct ExpandResult {
  std::string value;               // expand_word: the word with quotes/escapes processed
  std::vector<std::string> words;  // expand_words: the words after splitting
  std::vector<VarRef> refs;        // every reference met (also inside `${v:-...}` words)
  bool exact = true;               // false when a variable of unknown value was kept as written
  std::optional<ExpandError> error;
  bool ok() const { return !error.has_value(); }
};

// Expands `text` as one word (no splitting), as BuildKit's ProcessWord.
ExpandResult expand_word(std::string_view text, const VarLookup& lookup,
                         const ExpandOptions& options = {});
inline ExpandResult expand_word(std::string_view text, const VarLookup& lookup, char escape) {
  ExpandOptions o;
  o.escape = escape;
  return expand_word(text, lookup, o);
}

// Expands `text` and splits it into words (BuildKit's ProcessWords, used for EXPOSE):
// whitespace from unquoted expansions and unquoted text separates words, quoted text and
// escaped characters do not; empty words are dropped. `value` is filled too.
ExpandResult expand_words(std::string_view text, const VarLookup& lookup,
                          const ExpandOptions& options = {});
inline ExpandResult expand_words(std::string_view text, const VarLookup& lookup, char escape) {
  ExpandOptions o;
  o.escape = escape;
  return expand_words(text, lookup, o);
}

// The variable references of `text` with their byte ranges (nothing is looked up; every
// reference reports kUnset). Stops at the first syntax error, which is returned too.
ExpandResult find_references(std::string_view text, const ExpandOptions& options = {});

// BuildKit's wording of an expansion error: `failed to process "<text>": <message>`
// (text quoted like Go's %q).
std::string buildkit_error_message(std::string_view text, const ExpandError& error);

}  // namespace dockml
