// Unicode and logical-text helpers for the Dockerfile parser (Go semantics).
#include <algorithm>

#include "analyzer/dockerfile/parse_internal.h"

namespace dockml::dfparse {

DecodedRune decode_rune(std::string_view s, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  if (c < 0x80) return {c, 1};
  uint32_t len = 0, cp = 0, min_cp = 0;
  if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; min_cp = 0x80; }
  else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; min_cp = 0x800; }
  else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; min_cp = 0x10000; }
  else return {0xFFFD, 1};
  if (i + len > s.size()) return {0xFFFD, 1};
  for (uint32_t k = 1; k < len; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return {0xFFFD, 1};
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  if (cp < min_cp || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {0xFFFD, 1};
  return {cp, len};
}

void append_utf8(std::string& out, uint32_t cp) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

bool is_unicode_space(uint32_t cp) {
  switch (cp) {
    case '\t': case '\n': case '\v': case '\f': case '\r': case ' ':
    case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029: case 0x202F:
    case 0x205F: case 0x3000:
      return true;
    default:
      return cp >= 0x2000 && cp <= 0x200A;
  }
}

size_t space_len_at(std::string_view s, size_t i) {
  if (i >= s.size()) return 0;
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return is_unicode_space(c) ? 1 : 0;
  DecodedRune r = decode_rune(s, i);
  return is_unicode_space(r.cp) ? r.width : 0;
}

size_t space_len_before(std::string_view s, size_t end) {
  if (end == 0) return 0;
  unsigned char c = static_cast<unsigned char>(s[end - 1]);
  if (c < 0x80) return is_unicode_space(c) ? 1 : 0;
  // Find the start of the last rune (at most 4 bytes back), as utf8.DecodeLastRune does.
  size_t lim = end >= 4 ? end - 4 : 0;
  size_t start = end - 1;
  while (start > lim && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
  DecodedRune r = decode_rune(s, start);
  if (start + r.width != end) return 0;
  return is_unicode_space(r.cp) ? r.width : 0;
}

void trim_unicode_space(std::string_view s, uint32_t& b, uint32_t& e) {
  while (b < e) {
    size_t n = space_len_at(s.substr(0, e), b);
    if (n == 0) break;
    b += static_cast<uint32_t>(n);
  }
  while (e > b) {
    size_t n = space_len_before(s.substr(0, e), e);
    if (n == 0 || e - n < b) break;
    e -= static_cast<uint32_t>(n);
  }
}

LogicalText slice_logical(const LogicalText& t, uint32_t b, uint32_t e) {
  LogicalText out;
  if (e <= b) return out;
  out.text = t.text.substr(b, e - b);
  for (const auto& seg : t.segments) {
    uint32_t sb = seg.logical_begin, se = seg.logical_begin + seg.length;
    if (se <= b || sb >= e) continue;
    uint32_t cb = std::max(sb, b), ce = std::min(se, e);
    out.segments.push_back({cb - b, seg.source_begin + (cb - sb), ce - cb});
  }
  return out;
}

std::string go_to_lower(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
      ++i;
      continue;
    }
    DecodedRune r = decode_rune(s, i);
    if (r.cp == 0xFFFD && r.width == 1) {
      // Go's ToLower writes U+FFFD for an invalid byte.
      append_utf8(out, 0xFFFD);
      ++i;
      continue;
    }
    uint32_t cp = r.cp;
    if ((cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) || (cp >= 0x391 && cp <= 0x3AB && cp != 0x3A2) ||
        (cp >= 0x410 && cp <= 0x42F)) {
      cp += 0x20;
    } else if (cp >= 0x400 && cp <= 0x40F) {
      cp += 0x50;
    } else if (cp >= 0x100 && cp <= 0x17F && cp != 0x130 && cp != 0x131 && cp != 0x138 &&
               cp != 0x149 && cp != 0x17F) {
      bool odd_upper = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E);
      if (odd_upper ? (cp % 2 == 1) : (cp % 2 == 0)) cp += 1;
    } else if (cp == 0x130) {
      cp = 'i';
    } else if (cp == 0x212A) {
      cp = 'k';
    } else if (cp == 0x212B) {
      cp = 0xE5;
    }
    append_utf8(out, cp);
    i += r.width;
  }
  return out;
}

}  // namespace dockml::dfparse
