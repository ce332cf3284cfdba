// Internals shared by the Dockerfile parser's pieces (parser.cpp, words.cpp, json_form.cpp,
// heredoc.cpp, line_parse.cpp, validate.cpp). Not part of the public interface.
//
// Positions called "logical" are byte offsets in a LogicalText's `text` (continuations
// joined); LogicalText::to_source maps them back to the file.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/dockerfile/ast.h"

namespace dockml::dfparse {

// ---- Unicode helpers (Go semantics) ----

// Go's utf8.DecodeRune: invalid/overlong/surrogate/truncated -> U+FFFD with width 1.
struct DecodedRune {
  uint32_t cp;
  uint32_t width;
};
DecodedRune decode_rune(std::string_view s, size_t i);
void append_utf8(std::string& out, uint32_t cp);
// Go's unicode.IsSpace on a code point.
bool is_unicode_space(uint32_t cp);
// Byte length of the unicode space rune at s[i] (0 when it is not a space).
size_t space_len_at(std::string_view s, size_t i);
// Byte length of a unicode space rune ending at s[end) (0 when none).
size_t space_len_before(std::string_view s, size_t end);
// unicode.IsSpace(rune(b)) for a single byte, as BuildKit's byte-wise loops do
// (\t \n \v \f \r ' ' 0x85 0xA0).
inline bool is_byte_space(unsigned char b) {
  return b == ' ' || (b >= '\t' && b <= '\r') || b == 0x85 || b == 0xA0;
}
// The class [\t\v\f\r ] of BuildKit's reWhitespace.
inline bool is_ascii_ws(unsigned char b) {
  return b == ' ' || b == '\t' || b == '\v' || b == '\f' || b == '\r';
}
// strings.TrimSpace bounds over s[b, e).
void trim_unicode_space(std::string_view s, uint32_t& b, uint32_t& e);

// ---- words ----

// A word cut out of a logical line: `text` as BuildKit computes it, [begin, end) the raw
// logical bytes it came from.
struct RawWord {
  std::string text;
  uint32_t begin = 0;
  uint32_t end = 0;
  // Logical offset of the raw byte that produced the first '=' of `text` (UINT32_MAX if none).
  uint32_t eq_pos = UINT32_MAX;
};

// SC extractBuilderFlags over s[b, e): leading `--` words (quotes grouped and removed, `\`
// escapes the next byte). Returns the flag words and sets `args_begin` to where the
// arguments start (e when everything was consumed).
std::vector<RawWord> extract_flags(std::string_view s, uint32_t b, uint32_t e,
                                   uint32_t& args_begin);
// LP parseWords over s[b, e): quote-aware words, quotes/escapes kept.
std::vector<RawWord> parse_words(std::string_view s, uint32_t b, uint32_t e, char escape);
// Split s[b, e) on runs of [\t\v\f\r ] (s[b,e) must not start or end with them).
std::vector<RawWord> split_ascii_ws(std::string_view s, uint32_t b, uint32_t e, int max_parts = -1);

// ---- JSON (exec form) ----

struct JsonArray {
  enum class Kind { kNotJson, kStrings, kNotStrings };
  Kind kind = Kind::kNotJson;
  std::vector<RawWord> elements;   // for kStrings: decoded strings with their literal spans
  uint32_t bad_begin = 0;          // for kNotStrings: the first non-string element
  uint32_t bad_end = 0;
  std::string bad_what;            // "a number", "an object", ...
};
// LP parseJSON over s[b, e) (already trimmed): Go encoding/json semantics.
JsonArray parse_json_array(std::string_view s, uint32_t b, uint32_t e);

// ---- heredocs ----

struct HeredocMarker {
  std::string name;
  bool expand = true;
  bool chomp = false;
  int fd = -1;
  uint32_t begin = 0;  // logical span of the marker token
  uint32_t end = 0;
};
// P heredocsFromLine: the heredoc markers of a whole logical line, in order.
std::vector<HeredocMarker> heredocs_from_line(std::string_view line);
// P ParseHeredoc on one word (`<<EOF`, `3<<-'EOF'`): nullopt when not a heredoc.
std::optional<HeredocMarker> parse_heredoc_word(std::string_view word);

// ---- logical text ----

LogicalText slice_logical(const LogicalText& t, uint32_t b, uint32_t e);
inline Word make_word(const LogicalText& t, const RawWord& w) {
  return Word{w.text, t.to_source(w.begin, w.end)};
}

// Parses one logical instruction line t.text[b, e) (keyword, flags, arguments, ONBUILD
// trigger) into `out`; L1 errors go to `errors` and set out.has_parse_error.
void parse_instruction_text(const LogicalText& t, uint32_t b, uint32_t e, char escape,
                            Instruction& out, std::vector<ParseError>& errors);

// Go's strings.ToLower, exact for ASCII and the common alphabets.
std::string go_to_lower(std::string_view s);

}  // namespace dockml::dfparse
