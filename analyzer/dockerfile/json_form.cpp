// Exec-form detection (LP parseJSON): a strict decoder with Go encoding/json semantics.
// Valid JSON array of strings -> exec form; valid JSON array with any non-string element ->
// hard error; anything else (including a number that overflows float64, which Go reports
// as an unmarshal error) -> shell form.
#include <cmath>
#include <cstdlib>

#include "analyzer/dockerfile/parse_internal.h"

namespace dockml::dfparse {

namespace {

constexpr size_t kMaxDepth = 10000;  // encoding/json maxNestingDepth

bool is_json_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

class JsonScanner {
 public:
  JsonScanner(std::string_view s, uint32_t b, uint32_t e) : s_(s), p_(b), e_(e) {}

  // Validates s[b, e) as exactly one JSON array (plus whitespace). Fills `elements` with
  // the top-level element ranges and their first byte.
  bool scan(std::vector<std::pair<uint32_t, uint32_t>>& elements, bool& overflow) {
    std::vector<char> stack;
    bool open_element = false;
    uint32_t element_begin = 0;
    if (p_ >= e_ || s_[p_] != '[') return false;
  expect_value:
    skip_ws();
    if (p_ >= e_) return false;
    if (stack.size() == 1) {
      open_element = true;
      element_begin = p_;
    }
    switch (s_[p_]) {
      case '[':
      case '{': {
        char open = s_[p_++];
        stack.push_back(open);
        if (stack.size() > kMaxDepth) return false;
        skip_ws();
        if (p_ < e_ && s_[p_] == (open == '[' ? ']' : '}')) {
          ++p_;
          stack.pop_back();
          goto after_value;
        }
        if (open == '{' && !object_key()) return false;
        goto expect_value;
      }
      case '"':
        if (!string_literal()) return false;
        goto after_value;
      case 't':
        if (!literal("true")) return false;
        goto after_value;
      case 'f':
        if (!literal("false")) return false;
        goto after_value;
      case 'n':
        if (!literal("null")) return false;
        goto after_value;
      default:
        if (!number(overflow)) return false;
        goto after_value;
    }
  after_value:
    if (stack.empty()) {
      skip_ws();
      return p_ == e_;
    }
    if (stack.size() == 1 && open_element) {
      elements.emplace_back(element_begin, p_);
      open_element = false;
    }
    skip_ws();
    if (p_ >= e_) return false;
    if (s_[p_] == ',') {
      ++p_;
      if (stack.back() == '{' && !object_key()) return false;
      goto expect_value;
    }
    if (s_[p_] == (stack.back() == '[' ? ']' : '}')) {
      ++p_;
      stack.pop_back();
      goto after_value;
    }
    return false;
  }

 private:
  void skip_ws() {
    while (p_ < e_ && is_json_ws(s_[p_])) ++p_;
  }
  bool object_key() {
    skip_ws();
    if (p_ >= e_ || s_[p_] != '"' || !string_literal()) return false;
    skip_ws();
    if (p_ >= e_ || s_[p_] != ':') return false;
    ++p_;
    return true;
  }
  bool literal(std::string_view word) {
    if (s_.substr(p_, word.size()) != word || p_ + word.size() > e_) return false;
    p_ += static_cast<uint32_t>(word.size());
    return true;
  }
  bool string_literal() {
    ++p_;  // opening quote
    while (p_ < e_) {
      unsigned char c = static_cast<unsigned char>(s_[p_]);
      if (c < 0x20) return false;
      if (c == '"') {
        ++p_;
        return true;
      }
      if (c == '\\') {
        if (p_ + 1 >= e_) return false;
        char n = s_[p_ + 1];
        if (n == 'u') {
          if (p_ + 6 > e_) return false;
          for (uint32_t k = 2; k < 6; ++k) {
            if (hex_value(s_[p_ + k]) < 0) return false;
          }
          p_ += 6;
          continue;
        }
        if (n != '"' && n != '\\' && n != '/' && n != 'b' && n != 'f' && n != 'n' && n != 'r' &&
            n != 't') {
          return false;
        }
        p_ += 2;
        continue;
      }
      ++p_;
    }
    return false;
  }
  bool number(bool& overflow) {
    uint32_t start = p_;
    auto digit = [&](uint32_t q) { return q < e_ && s_[q] >= '0' && s_[q] <= '9'; };
    if (p_ < e_ && s_[p_] == '-') ++p_;
    if (!digit(p_)) return false;
    if (s_[p_] == '0') {
      ++p_;
    } else {
      while (digit(p_)) ++p_;
    }
    if (p_ < e_ && s_[p_] == '.') {
      ++p_;
      if (!digit(p_)) return false;
      while (digit(p_)) ++p_;
    }
    if (p_ < e_ && (s_[p_] == 'e' || s_[p_] == 'E')) {
      ++p_;
      if (p_ < e_ && (s_[p_] == '+' || s_[p_] == '-')) ++p_;
      if (!digit(p_)) return false;
      while (digit(p_)) ++p_;
    }
    std::string text(s_.substr(start, p_ - start));
    double v = std::strtod(text.c_str(), nullptr);
    if (std::isinf(v)) overflow = true;
    return true;
  }

  std::string_view s_;
  uint32_t p_;
  uint32_t e_;
};

// Go's JSON string unquoting of the literal s[b, e) (quotes included).
std::string decode_string(std::string_view s, uint32_t b, uint32_t e) {
  std::string out;
  uint32_t p = b + 1, end = e - 1;
  auto read_u4 = [&](uint32_t q) {
    uint32_t v = 0;
    for (uint32_t k = 0; k < 4; ++k) v = v * 16 + static_cast<uint32_t>(hex_value(s[q + k]));
    return v;
  };
  while (p < end) {
    char c = s[p];
    if (c == '\\') {
      char n = s[p + 1];
      switch (n) {
        case 'b': out.push_back('\b'); p += 2; continue;
        case 'f': out.push_back('\f'); p += 2; continue;
        case 'n': out.push_back('\n'); p += 2; continue;
        case 'r': out.push_back('\r'); p += 2; continue;
        case 't': out.push_back('\t'); p += 2; continue;
        case 'u': {
          uint32_t r = read_u4(p + 2);
          p += 6;
          if (r >= 0xD800 && r < 0xE000) {
            if (r < 0xDC00 && p + 6 <= end && s[p] == '\\' && s[p + 1] == 'u') {
              uint32_t r2 = read_u4(p + 2);
              if (r2 >= 0xDC00 && r2 < 0xE000) {
                append_utf8(out, 0x10000 + ((r - 0xD800) << 10) + (r2 - 0xDC00));
                p += 6;
                continue;
              }
            }
            r = 0xFFFD;
          }
          append_utf8(out, r);
          continue;
        }
        default: out.push_back(n); p += 2; continue;
      }
    }
    if (static_cast<unsigned char>(c) < 0x80) {
      out.push_back(c);
      ++p;
      continue;
    }
    DecodedRune r = decode_rune(s.substr(0, end), p);
    if (r.cp == 0xFFFD && r.width == 1) {
      append_utf8(out, 0xFFFD);
    } else {
      out.append(s.substr(p, r.width));
    }
    p += r.width;
  }
  return out;
}

std::string describe(char first) {
  switch (first) {
    case '[': return "an array";
    case '{': return "an object";
    case 't': case 'f': return "a boolean";
    case 'n': return "null";
    default: return "a number";
  }
}

}  // namespace

JsonArray parse_json_array(std::string_view s, uint32_t b, uint32_t e) {
  JsonArray result;
  std::vector<std::pair<uint32_t, uint32_t>> elements;
  bool overflow = false;
  JsonScanner scanner(s, b, e);
  if (!scanner.scan(elements, overflow) || overflow) return result;
  for (const auto& [eb, ee] : elements) {
    if (s[eb] != '"') {
      result.kind = JsonArray::Kind::kNotStrings;
      result.bad_begin = eb;
      result.bad_end = ee;
      result.bad_what = describe(s[eb]);
      return result;
    }
  }
  result.kind = JsonArray::Kind::kStrings;
  for (const auto& [eb, ee] : elements) {
    RawWord w;
    w.text = decode_string(s, eb, ee);
    w.begin = eb;
    w.end = ee;
    result.elements.push_back(std::move(w));
  }
  return result;
}

}  // namespace dockml::dfparse
