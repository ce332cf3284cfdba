// Literal pre-checks in front of RE2 patterns. A rule whose pattern can only match text that
// holds one of a few literals (every alternative starts with "hf_", ends with ".bin", ...)
// asks these first and compiles its pattern (a function-local static) only when one is there:
// compiling the patterns of every rule cost ~40% of a one-file process, and most files never
// need most of them. The gates are necessary conditions only; RE2 still decides the match.
#pragma once

#include <initializer_list>
#include <string_view>

namespace dockml::rules {

// True when `text` contains one of `literals` (exact bytes).
inline bool contains_any(std::string_view text, std::initializer_list<std::string_view> literals) {
  for (std::string_view l : literals) {
    if (text.find(l) != std::string_view::npos) return true;
  }
  return false;
}

// For case-insensitive patterns ((?i)): true when `text` contains one of `lower_literals`
// (lower-case ASCII) in any case, or has a non-ASCII byte (RE2's case folding also maps
// U+212A KELVIN SIGN to k and U+017F LONG S to s, so such text always goes to the pattern).
inline bool may_contain_folded(std::string_view text, std::initializer_list<std::string_view> lower_literals) {
  auto lower = [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  };
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return true;
  }
  for (std::string_view l : lower_literals) {
    if (l.empty()) return true;
    for (size_t i = 0; i + l.size() <= text.size(); ++i) {
      size_t k = 0;
      while (k < l.size() && lower(text[i + k]) == l[k]) ++k;
      if (k == l.size()) return true;
    }
  }
  return false;
}

}  // namespace dockml::rules
