// Word splitting used by the Dockerfile parser: flag extraction (SC extractBuilderFlags),
// quote-aware words for ENV/LABEL/ARG (LP parseWords) and whitespace lists.
#include "analyzer/dockerfile/parse_internal.h"

namespace dockml::dfparse {

namespace {

// Go's `word.WriteRune(rune(line[pos]))`: a byte >= 0x80 is taken as a Latin-1 code point.
// We keep the raw byte here; dump.cpp re-creates BuildKit's re-encoding.
void note_char(RawWord& w, char c, uint32_t raw_pos) {
  if (c == '=' && w.eq_pos == UINT32_MAX) w.eq_pos = raw_pos;
  w.text.push_back(c);
}

}  // namespace

std::vector<RawWord> extract_flags(std::string_view s, uint32_t b, uint32_t e,
                                   uint32_t& args_begin) {
  enum Phase { kSpaces, kWord, kQuote };
  std::vector<RawWord> words;
  Phase phase = kSpaces;
  RawWord word;
  char quote = 0;
  bool blank_ok = false;
  auto byte = [&](uint32_t p) { return static_cast<unsigned char>(s[p]); };
  for (uint32_t pos = b; pos <= e; ++pos) {
    if (phase == kSpaces) {
      if (pos == e) break;
      if (is_byte_space(byte(pos))) continue;
      if (byte(pos) != '-' || pos + 1 == e || byte(pos + 1) != '-') {
        args_begin = pos;
        return words;
      }
      phase = kWord;
      word = RawWord{};
      word.begin = pos;
    }
    if (pos == e) {  // kWord or kQuote at the end of input
      word.end = pos;
      if (word.text != "--" && (blank_ok || !word.text.empty())) words.push_back(word);
      break;
    }
    unsigned char ch = byte(pos);
    if (phase == kWord) {
      if (is_byte_space(ch)) {
        phase = kSpaces;
        word.end = pos;
        if (word.text == "--") {
          args_begin = pos;
          return words;
        }
        if (blank_ok || !word.text.empty()) words.push_back(word);
        word = RawWord{};
        blank_ok = false;
        continue;
      }
      if (ch == '\'' || ch == '"') {
        quote = static_cast<char>(ch);
        blank_ok = true;
        phase = kQuote;
        continue;
      }
      if (ch == '\\') {
        if (pos + 1 == e) continue;
        ++pos;
      }
      note_char(word, s[pos], pos);
      continue;
    }
    // kQuote
    if (ch == static_cast<unsigned char>(quote)) {
      phase = kWord;
      continue;
    }
    if (ch == '\\') {
      if (pos + 1 == e) {
        phase = kWord;
        continue;
      }
      ++pos;
    }
    note_char(word, s[pos], pos);
  }
  args_begin = e;
  return words;
}

std::vector<RawWord> parse_words(std::string_view s, uint32_t b, uint32_t e, char escape) {
  enum Phase { kSpaces, kWord, kQuote };
  std::vector<RawWord> words;
  Phase phase = kSpaces;
  RawWord word;
  uint32_t quote = 0;
  bool blank_ok = false;
  std::string_view v = s.substr(0, e);
  auto write = [&](const DecodedRune& r, uint32_t at) {
    if (r.cp == 0xFFFD && r.width == 1) {
      append_utf8(word.text, 0xFFFD);
    } else {
      if (r.cp == '=' && word.eq_pos == UINT32_MAX) word.eq_pos = at;
      word.text.append(v.substr(at, r.width));
    }
  };
  DecodedRune ch{0, 0};
  for (uint32_t pos = b; pos <= e; pos += ch.width) {
    if (pos != e) ch = decode_rune(v, pos);
    if (phase == kSpaces) {
      if (pos == e) break;
      if (is_unicode_space(ch.cp)) continue;
      phase = kWord;
      word = RawWord{};
      word.begin = pos;
    }
    if (pos == e) {
      word.end = e;
      if (blank_ok || !word.text.empty()) words.push_back(word);
      break;
    }
    if (phase == kWord) {
      if (is_unicode_space(ch.cp)) {
        phase = kSpaces;
        word.end = pos;
        if (blank_ok || !word.text.empty()) words.push_back(word);
        word = RawWord{};
        blank_ok = false;
        continue;
      }
      if (ch.cp == '\'' || ch.cp == '"') {
        quote = ch.cp;
        blank_ok = true;
        phase = kQuote;
      }
      if (ch.cp == static_cast<unsigned char>(escape)) {
        if (pos + ch.width == e) continue;  // escape at the very end is dropped
        write(ch, pos);
        pos += ch.width;
        ch = decode_rune(v, pos);
      }
      write(ch, pos);
      continue;
    }
    // kQuote
    if (ch.cp == quote) phase = kWord;
    if (ch.cp == static_cast<unsigned char>(escape) && quote != '\'') {
      if (pos + ch.width == e) {
        phase = kWord;
        continue;
      }
      write(ch, pos);
      pos += ch.width;
      ch = decode_rune(v, pos);
    }
    write(ch, pos);
  }
  return words;
}

std::vector<RawWord> split_ascii_ws(std::string_view s, uint32_t b, uint32_t e, int max_parts) {
  std::vector<RawWord> out;
  if (b >= e) return out;
  uint32_t start = b;
  for (uint32_t p = b; p < e;) {
    if (!is_ascii_ws(static_cast<unsigned char>(s[p])) ||
        (max_parts > 0 && static_cast<int>(out.size()) + 1 >= max_parts)) {
      ++p;
      continue;
    }
    RawWord w;
    w.begin = start;
    w.end = p;
    w.text = std::string(s.substr(start, p - start));
    out.push_back(std::move(w));
    while (p < e && is_ascii_ws(static_cast<unsigned char>(s[p]))) ++p;
    start = p;
  }
  RawWord w;
  w.begin = start;
  w.end = e;
  w.text = std::string(s.substr(start, e - start));
  out.push_back(std::move(w));
  for (auto& x : out) {
    for (uint32_t i = 0; i < x.text.size(); ++i) {
      if (x.text[i] == '=') {
        x.eq_pos = x.begin + i;
        break;
      }
    }
  }
  return out;
}

}  // namespace dockml::dfparse
