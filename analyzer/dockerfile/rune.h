// UTF-8 decoding and the Unicode character classes used by BuildKit's shell lexer
// (Go's unicode.IsLetter / IsDigit / IsSpace), for variable names and word splitting.
#pragma once

#include <cstdint>
#include <string_view>

namespace dockml {

// U+FFFD: what an invalid UTF-8 byte decodes to (one byte long), as in Go.
inline constexpr char32_t kRuneError = 0xFFFD;

struct Rune {
  char32_t cp = 0;
  uint32_t len = 0;  // bytes; 0 only at the end of the text
};

// Decodes the code point at `pos` (pos < text.size()). Invalid or truncated sequences,
// overlong forms and surrogates decode as kRuneError with length 1.
Rune decode_rune(std::string_view text, size_t pos);

// Go's unicode.IsSpace: '\t' '\n' '\v' '\f' '\r' ' ' U+0085 U+00A0 and category Zs/Zl/Zp.
bool rune_is_space(char32_t cp);
// Go's unicode.IsLetter (categories L*) and unicode.IsDigit (category Nd).
bool rune_is_letter(char32_t cp);
bool rune_is_digit(char32_t cp);

}  // namespace dockml
