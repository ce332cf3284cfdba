// Heredoc detection (P heredocsFromLine / ParseHeredoc). The logical line is tokenised
// like BuildKit's shell lexer with escape `\`, quotes and escapes kept and unset
// variables left as text; a lexing error anywhere means "no heredocs on this line".
#include "analyzer/dockerfile/parse_internal.h"

namespace dockml::dfparse {

namespace {

struct LexOptions {
  bool raw_quotes = true;
  bool raw_escapes = true;
};

// A tiny port of the relevant part of BuildKit's shell word lexer, for an empty
// environment with SkipUnsetEnv: every `$name` / `${...}` stays as text.
class HeredocLexer {
 public:
  HeredocLexer(std::string_view s, LexOptions opt) : s_(s), opt_(opt) {}

  bool words(std::vector<RawWord>& out) {
    std::string ignored;
    if (!process(kEof, opt_.raw_escapes, &ignored, &out)) return false;
    return true;
  }

 private:
  static constexpr int kEof = -1;

  int peek() const { return p_ < s_.size() ? static_cast<unsigned char>(s_[p_]) : kEof; }
  int next() { return p_ < s_.size() ? static_cast<unsigned char>(s_[p_++]) : kEof; }

  // Word accumulation (wordsStruct).
  struct Words {
    std::vector<RawWord>* out = nullptr;
    RawWord cur;
    bool in_word = false;
    void add_raw(std::string_view text, uint32_t at, uint32_t end) {
      if (!out) return;
      if (cur.text.empty() && !in_word) cur.begin = at;
      if (cur.text.empty() && in_word && cur.begin > at) cur.begin = at;
      cur.text.append(text);
      cur.end = end;
      in_word = true;
    }
    void add_char(std::string_view s, uint32_t at, uint32_t width) {
      if (!out) return;
      if (space_len_at(s, at) > 0) {
        if (in_word && !cur.text.empty()) flush();
        return;
      }
      add_raw(s.substr(at, width), at, at + width);
    }
    void add_string(std::string_view s, uint32_t begin, uint32_t end) {
      // Expansion results are re-split on whitespace.
      for (uint32_t i = begin; i < end;) {
        size_t sp = space_len_at(s.substr(0, end), i);
        if (sp > 0) {
          if (in_word && !cur.text.empty()) flush();
          i += static_cast<uint32_t>(sp);
          continue;
        }
        uint32_t w = decode_rune(s.substr(0, end), i).width;
        add_raw(s.substr(i, w), i, i + w);
        i += w;
      }
    }
    void flush() {
      out->push_back(cur);
      cur = RawWord{};
      in_word = false;
    }
    void finish() {
      if (out && !cur.text.empty()) flush();
    }
  };

  // processStopOn: reads until `stop` (consumed) or the end; appends to `result`.
  bool process(int stop, bool raw_escapes, std::string* result, std::vector<RawWord>* words) {
    Words w;
    w.out = words;
    bool saved = raw_escapes_;
    raw_escapes_ = raw_escapes;
    bool ok = true;
    while (peek() != kEof) {
      int ch = peek();
      if (stop != kEof && ch == stop) {
        next();
        w.finish();
        raw_escapes_ = saved;
        return true;
      }
      uint32_t at = static_cast<uint32_t>(p_);
      if (ch == '$' || ch == '\'' || ch == '"') {
        std::string tmp;
        if (ch == '$') ok = dollar(tmp);
        else if (ch == '\'') ok = single_quote(tmp);
        else ok = double_quote(tmp);
        if (!ok) break;
        result->append(tmp);
        if (ch == '$') {
          w.add_string(s_, at, static_cast<uint32_t>(p_));
        } else {
          w.add_raw(tmp, at, static_cast<uint32_t>(p_));
        }
        continue;
      }
      next();
      if (ch == '\\') {
        if (raw_escapes_) {
          w.add_raw("\\", at, at + 1);
          result->push_back('\\');
        }
        if (peek() == kEof) break;
        uint32_t q = static_cast<uint32_t>(p_);
        uint32_t width = decode_rune(s_, q).width;
        p_ += width;
        w.add_raw(s_.substr(q, width), q, q + width);
        result->append(s_.substr(q, width));
        continue;
      }
      uint32_t width = decode_rune(s_, at).width;
      p_ = at + width;
      w.add_char(s_, at, width);
      result->append(s_.substr(at, width));
    }
    raw_escapes_ = saved;
    if (!ok) return false;
    if (stop != kEof) return false;  // unexpected end while looking for `stop`
    w.finish();
    return true;
  }

  bool single_quote(std::string& out) {
    next();
    if (opt_.raw_quotes) out.push_back('\'');
    for (;;) {
      int ch = next();
      if (ch == kEof) return false;
      if (ch == '\'') {
        if (opt_.raw_quotes) out.push_back('\'');
        return true;
      }
      out.push_back(static_cast<char>(ch));
    }
  }

  bool double_quote(std::string& out) {
    next();
    if (opt_.raw_quotes) out.push_back('"');
    for (;;) {
      int ch = peek();
      if (ch == kEof) return false;
      if (ch == '"') {
        next();
        if (opt_.raw_quotes) out.push_back('"');
        return true;
      }
      if (ch == '$') {
        std::string v;
        if (!dollar(v)) return false;
        out.append(v);
        continue;
      }
      ch = next();
      if (ch == '\\') {
        if (raw_escapes_) out.push_back('\\');
        int n = peek();
        if (n == kEof) continue;
        if (n == '"' || n == '$' || n == '\\') ch = next();
      }
      out.push_back(static_cast<char>(ch));
    }
  }

  std::string name() {
    std::string n;
    while (peek() != kEof) {
      int ch = peek();
      if (n.empty() && ch >= '0' && ch <= '9') {
        while (peek() >= '0' && peek() <= '9') n.push_back(static_cast<char>(next()));
        return n;
      }
      if (n.empty() && (ch == '@' || ch == '*' || ch == '#' || ch == '?' || ch == '-' ||
                        ch == '$' || ch == '!' || ch == '0')) {
        n.push_back(static_cast<char>(next()));
        return n;
      }
      bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                (ch >= '0' && ch <= '9') || ch == '_' || ch >= 0x80;
      if (!ok) break;
      n.push_back(static_cast<char>(next()));
    }
    return n;
  }

  bool dollar(std::string& out) {
    next();  // '$'
    if (peek() != '{') {
      out = "$" + name();
      return true;
    }
    next();
    int c = peek();
    if (c == kEof || c == '{' || c == '}' || c == ':') return false;
    std::string n = name();
    int ch = next();
    if (ch == '}') {
      out = "${" + n + "}";
      return true;
    }
    std::string chs;
    if (ch == ':') {
      int ch2 = next();
      if (ch2 == kEof) return false;
      chs = ":" + std::string(1, static_cast<char>(ch2));
      ch = ch2;
    } else if (ch == '+' || ch == '-' || ch == '?' || ch == '#' || ch == '%') {
      chs = std::string(1, static_cast<char>(ch));
    } else if (ch == '/') {
      if (peek() == '/') next();
      std::string pattern, replacement;
      if (!process('/', true, &pattern, nullptr)) return false;
      if (!process('}', true, &replacement, nullptr)) return false;
      out = "${" + n + "/" + pattern + "/" + replacement + "}";
      return true;
    } else {
      return false;  // unsupported modifier (also the end of input)
    }
    std::string word;
    if (!process('}', ch == '#' || ch == '%', &word, nullptr)) return false;
    out = "${" + n + chs + word + "}";
    return true;
  }

  std::string_view s_;
  size_t p_ = 0;
  LexOptions opt_;
  bool raw_escapes_ = true;
};

bool lex(std::string_view s, LexOptions opt, std::vector<RawWord>& out) {
  HeredocLexer lexer(s, opt);
  return lexer.words(out);
}

size_t count_quotes(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (c == '\'' || c == '"');
  return n;
}

// Matches ^(\d*)<<(-?)\s*([^<]*)$; returns false when it does not match.
bool match_marker(std::string_view w, std::string& digits, bool& chomp, std::string_view& rest) {
  size_t i = 0;
  while (i < w.size() && w[i] >= '0' && w[i] <= '9') ++i;
  digits = std::string(w.substr(0, i));
  if (w.substr(i, 2) != "<<") return false;
  i += 2;
  chomp = i < w.size() && w[i] == '-';
  if (chomp) ++i;
  while (i < w.size() && (w[i] == ' ' || w[i] == '\t' || w[i] == '\n' || w[i] == '\f' ||
                          w[i] == '\r')) {
    ++i;
  }
  rest = w.substr(i);
  return rest.find('<') == std::string_view::npos;
}

}  // namespace

std::optional<HeredocMarker> parse_heredoc_word(std::string_view word) {
  std::string digits;
  bool chomp = false;
  std::string_view rest;
  if (!match_marker(word, digits, chomp, rest) || rest.empty()) return std::nullopt;
  std::vector<RawWord> plain, raw;
  if (!lex(rest, LexOptions{false, false}, plain) || plain.size() != 1) return std::nullopt;
  if (!lex(rest, LexOptions{true, false}, raw) || raw.size() != 1) return std::nullopt;
  HeredocMarker m;
  m.name = plain[0].text;
  m.expand = count_quotes(plain[0].text) == count_quotes(raw[0].text);
  m.chomp = chomp;
  if (!digits.empty()) {
    m.fd = digits.size() > 9 ? INT32_MAX : std::stoi(digits);
  }
  return m;
}

std::vector<HeredocMarker> heredocs_from_line(std::string_view line) {
  std::vector<HeredocMarker> out;
  std::vector<RawWord> words;
  if (!lex(line, LexOptions{true, true}, words)) return out;
  for (size_t i = 0; i < words.size(); ++i) {
    const RawWord& w = words[i];
    auto marker = parse_heredoc_word(w.text);
    if (!marker && i + 1 < words.size()) {
      // `<< EOF` / `<<- EOF`: blanks between the operator and the delimiter.
      std::string_view t = w.text;
      size_t d = 0;
      while (d < t.size() && t[d] >= '0' && t[d] <= '9') ++d;
      std::string_view op = t.substr(d);
      if (op == "<<" || op == "<<-") {
        std::string joined = std::string(t) + " " + words[i + 1].text;
        marker = parse_heredoc_word(joined);
        if (marker) {
          marker->begin = w.begin;
          marker->end = words[i + 1].end;
          out.push_back(*marker);
          ++i;
          continue;
        }
      }
    }
    if (marker) {
      marker->begin = w.begin;
      marker->end = w.end;
      out.push_back(*marker);
    }
  }
  return out;
}

}  // namespace dockml::dfparse
