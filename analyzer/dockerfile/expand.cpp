#include "analyzer/dockerfile/expand.h"

#include <utility>

#include "analyzer/dockerfile/glob.h"
#include "analyzer/dockerfile/rune.h"

namespace dockml {

// ---- VarMap ---------------------------------------------------------------------------

std::string VarMap::key(std::string_view name) const {
  std::string k(name);
  if (case_insensitive_) {
    for (char& c : k) {
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
  }
  return k;
}

void VarMap::set(std::string_view name, std::string_view value) {
  vars_[key(name)] = Entry{true, std::string(value)};
}

void VarMap::set_unknown(std::string_view name) { vars_[key(name)] = Entry{false, {}}; }

void VarMap::erase(std::string_view name) {
  auto it = vars_.find(key(name));
  if (it != vars_.end()) vars_.erase(it);
}

VarValue VarMap::get(std::string_view name) const {
  auto it = case_insensitive_ ? vars_.find(key(name)) : vars_.find(name);
  if (it == vars_.end()) return VarValue::unset();
  if (!it->second.known) return VarValue::unknown();
  return VarValue::set(it->second.value);
}

namespace {

bool is_special_param(char32_t cp) {
  switch (cp) {
    case '@': case '*': case '#': case '?': case '-': case '$': case '!': case '0':
      return true;
    default:
      return false;
  }
}

// BuildKit's word splitter (wordsStruct): whitespace from plain text and unquoted
// expansions separates words; quoted text and escaped characters never do.
struct Words {
  std::string buf;
  std::vector<std::string> list;
  bool in_word = false;

  void add_char(std::string_view bytes, char32_t cp) {
    if (rune_is_space(cp)) {
      if (in_word && !buf.empty()) {
        list.push_back(std::move(buf));
        buf.clear();
        in_word = false;
      }
      return;
    }
    add_raw(bytes);
  }
  void add_raw(std::string_view bytes) {
    buf.append(bytes);
    in_word = true;
  }
  void add_string(std::string_view s) {
    for (size_t pos = 0; pos < s.size();) {
      Rune r = decode_rune(s, pos);
      add_char(s.substr(pos, r.len), r.cp);
      pos += r.len;
    }
  }
  void finish() {
    if (!buf.empty()) {
      list.push_back(std::move(buf));
      buf.clear();
      in_word = false;
    }
  }
};

class Lexer {
 public:
  Lexer(std::string_view text, const VarLookup& lookup, const ExpandOptions& options,
        ExpandResult& result)
      : text_(text), n_(text.size()), lookup_(lookup), opt_(options), result_(result) {}

  void run(bool split) {
    Words words;
    std::string out;
    if (scan(0, opt_.raw_escapes, out, split ? &words : nullptr, 0)) {
      result_.value = std::move(out);
      if (split) result_.words = std::move(words.list);
    }
  }

 private:
  uint32_t u32(size_t v) const { return static_cast<uint32_t>(v); }

  bool fail(std::string message, size_t begin, size_t end) {
    if (!result_.error) result_.error = ExpandError{std::move(message), u32(begin), u32(end)};
    return false;
  }

  // BuildKit's processStopOn: processes text up to `stop` (consumed; 0 = end of text).
  bool scan(char stop, bool raw_escapes, std::string& out, Words* words, uint32_t depth) {
    const char esc = opt_.escape;
    while (pos_ < n_) {
      const char c = text_[pos_];
      if (stop != 0 && c == stop) {
        ++pos_;
        if (words) words->finish();
        return true;
      }
      if (c == '$') {
        size_t mark = out.size();
        if (!dollar(out, raw_escapes, depth, false)) return false;
        if (words) words->add_string(std::string_view(out).substr(mark));
        continue;
      }
      if (opt_.process_quotes && (c == '\'' || c == '"')) {
        size_t mark = out.size();
        bool ok = c == '\'' ? single_quote(out) : double_quote(out, raw_escapes, depth);
        if (!ok) return false;
        if (words) words->add_raw(std::string_view(out).substr(mark));
        continue;
      }
      if (c == esc) {
        ++pos_;
        if (raw_escapes) {
          out += c;
          if (words) words->add_raw(std::string_view(&text_[pos_ - 1], 1));
        }
        if (pos_ >= n_) break;  // an escape at the very end is dropped
        Rune r = decode_rune(text_, pos_);
        std::string_view bytes = text_.substr(pos_, r.len);
        pos_ += r.len;
        out.append(bytes);
        if (words) words->add_raw(bytes);
        continue;
      }
      Rune r = decode_rune(text_, pos_);
      std::string_view bytes = text_.substr(pos_, r.len);
      pos_ += r.len;
      out.append(bytes);
      if (words) words->add_char(bytes, r.cp);
    }
    if (stop != 0) {
      return fail(std::string("unexpected end of statement while looking for matching ") + stop,
                  n_, n_);
    }
    if (words) words->finish();
    return true;
  }

  bool single_quote(std::string& out) {
    size_t start = pos_++;
    if (opt_.raw_quotes) out += '\'';
    size_t close = text_.find('\'', pos_);
    if (close == std::string_view::npos) {
      pos_ = n_;
      return fail("unexpected end of statement while looking for matching single-quote", start,
                  n_);
    }
    out.append(text_.substr(pos_, close - pos_));
    if (opt_.raw_quotes) out += '\'';
    pos_ = close + 1;
    return true;
  }

  bool double_quote(std::string& out, bool raw_escapes, uint32_t depth) {
    const char esc = opt_.escape;
    size_t start = pos_++;
    if (opt_.raw_quotes) out += '"';
    while (true) {
      if (pos_ >= n_) {
        return fail("unexpected end of statement while looking for matching double-quote",
                    start, n_);
      }
      const char c = text_[pos_];
      if (c == '"') {
        ++pos_;
        if (opt_.raw_quotes) out += '"';
        return true;
      }
      if (c == '$') {
        if (!dollar(out, raw_escapes, depth, true)) return false;
        continue;
      }
      if (c == esc) {
        ++pos_;
        if (raw_escapes) out += c;
        if (pos_ >= n_) continue;  // reported as an unterminated quote
        const char d = text_[pos_];
        if (d == '"' || d == '$' || d == esc) {
          out += d;
          ++pos_;
        } else {
          out += c;  // only " $ and the escape itself can be escaped inside "..."
        }
        continue;
      }
      Rune r = decode_rune(text_, pos_);
      out.append(text_.substr(pos_, r.len));
      pos_ += r.len;
    }
  }

  // Reads a parameter name at pos_: digits (positional), one special character, or
  // letters/digits/underscores.
  VarRef::Kind read_name() {
    if (pos_ >= n_) return VarRef::Kind::kNamed;
    Rune r = decode_rune(text_, pos_);
    if (rune_is_digit(r.cp)) {
      size_t start = pos_;
      while (pos_ < n_) {
        Rune d = decode_rune(text_, pos_);
        if (!rune_is_digit(d.cp)) break;
        pos_ += d.len;
      }
      return text_.substr(start, pos_ - start) == "0" ? VarRef::Kind::kSpecial
                                                       : VarRef::Kind::kPositional;
    }
    if (is_special_param(r.cp)) {
      pos_ += r.len;
      return VarRef::Kind::kSpecial;
    }
    while (pos_ < n_) {
      Rune l = decode_rune(text_, pos_);
      if (l.cp != '_' && !rune_is_letter(l.cp) && !rune_is_digit(l.cp)) break;
      pos_ += l.len;
    }
    return VarRef::Kind::kNamed;
  }

  // Processes a nested word up to `stop`; an end of text inside it becomes `eof_message`.
  bool nested(char stop, bool raw_escapes, std::string& out, uint32_t depth, size_t begin,
              const char* eof_message) {
    if (depth > opt_.max_depth) {
      depth_exceeded_ = true;
      return fail("variable substitution nested more than " + std::to_string(opt_.max_depth) +
                      " levels deep",
                  begin, pos_);
    }
    if (scan(stop, raw_escapes, out, nullptr, depth)) return true;
    if (!depth_exceeded_ && pos_ >= n_) *result_.error = ExpandError{eof_message, u32(begin), u32(n_)};
    return false;
  }

  VarValue look(VarRef& ref) {
    VarValue v = lookup_.get(ref.name);
    ref.state = v.state;
    return v;
  }

  // An unknown value: its partial text for a plain reference, else the source text.
  void keep_as_written(std::string& out, size_t begin, std::string_view partial = {}) {
    out.append(partial.empty() ? text_.substr(begin, pos_ - begin) : partial);
    result_.exact = false;
  }

  // BuildKit's processDollar, at a '$'.
  bool dollar(std::string& out, bool raw_escapes, uint32_t depth, bool in_dq) {
    const size_t begin = pos_++;
    VarRef ref;
    ref.begin = u32(begin);
    ref.depth = depth;
    ref.in_double_quotes = in_dq;
    if (pos_ >= n_ || text_[pos_] != '{') {
      ref.name_begin = u32(pos_);
      ref.kind = read_name();
      ref.name_end = u32(pos_);
      if (ref.name_end == ref.name_begin) {
        out += '$';
        return true;
      }
      ref.name = std::string(text_.substr(ref.name_begin, ref.name_end - ref.name_begin));
      ref.end = u32(pos_);
      VarValue v = look(ref);
      if (v.state == VarValue::State::kSet) {
        out.append(v.value);
      } else if (v.state == VarValue::State::kUnknown) {
        keep_as_written(out, begin, v.value);
      } else if (opt_.keep_unset) {
        out += '$';
        out += ref.name;
      }
      result_.refs.push_back(std::move(ref));
      return true;
    }
    ++pos_;  // '{'
    ref.braced = true;
    if (pos_ >= n_) return fail("syntax error: missing '}'", begin, n_);
    if (text_[pos_] == '{' || text_[pos_] == '}' || text_[pos_] == ':') {
      return fail("syntax error: bad substitution", begin, pos_ + 1);
    }
    ref.name_begin = u32(pos_);
    ref.kind = read_name();
    ref.name_end = u32(pos_);
    ref.name = std::string(text_.substr(ref.name_begin, ref.name_end - ref.name_begin));
    if (pos_ >= n_) return fail("syntax error: missing '}'", begin, n_);
    // Reserve the slot so references stay in source order (nested ones come after).
    const size_t slot = result_.refs.size();
    ref.end = ref.name_end;  // provisional, until the closing brace is found
    result_.refs.push_back(ref);
    auto finish = [&](VarRef& r) {
      r.end = u32(pos_);
      result_.refs[slot] = std::move(r);
    };

    Rune r = decode_rune(text_, pos_);
    std::string chs(text_.substr(pos_, r.len));
    pos_ += r.len;
    char32_t mod = r.cp;

    if (mod == '}') {
      VarValue v = look(ref);
      if (v.state == VarValue::State::kSet) {
        out.append(v.value);
      } else if (v.state == VarValue::State::kUnknown) {
        keep_as_written(out, begin, v.value);
      } else if (opt_.keep_unset) {
        out += "${" + ref.name + "}";
      }
      finish(ref);
      return true;
    }

    if (mod == ':' || mod == '+' || mod == '-' || mod == '?' || mod == '#' || mod == '%') {
      const bool null_is_unset = mod == ':';
      if (null_is_unset) {
        if (pos_ >= n_) return fail("syntax error: missing '}'", begin, n_);
        Rune r2 = decode_rune(text_, pos_);
        chs.append(text_.substr(pos_, r2.len));
        pos_ += r2.len;
        mod = r2.cp;
      }
      const bool pattern = mod == '#' || mod == '%';
      if (null_is_unset && pattern) {
        return fail("unsupported modifier (" + chs + ") in substitution", begin, pos_);
      }
      std::string word;
      if (!nested('}', pattern, word, depth + 1, begin, "syntax error: missing '}'")) return false;
      const bool supported = mod == '-' || mod == '+' || mod == '?' || pattern;
      bool greedy = false;
      if (pattern && !word.empty() && static_cast<unsigned char>(word[0]) == mod) {
        greedy = true;
        word.erase(0, 1);
      }
      ref.op = greedy ? chs + chs : chs;
      VarValue v = look(ref);
      if (v.state == VarValue::State::kUnknown && supported) {
        keep_as_written(out, begin);
        finish(ref);
        return true;
      }
      if (v.state == VarValue::State::kUnset && opt_.keep_unset) {
        out += "${" + ref.name + chs + (greedy ? chs : "") + word + "}";
        finish(ref);
        return true;
      }
      const bool set = v.state != VarValue::State::kUnset;
      const bool empty = v.value.empty();
      switch (mod) {
        case '-':
          out.append((!set || (null_is_unset && empty)) ? std::string_view(word) : v.value);
          break;
        case '+':
          if (!(!set || (null_is_unset && empty))) out.append(word);
          break;
        case '?':
          if (!set || (null_is_unset && empty)) {
            std::string msg = !word.empty()       ? word
                              : !set              ? "is not allowed to be unset"
                                                  : "is not allowed to be empty";
            return fail(ref.name + ": " + msg, begin, pos_);
          }
          out.append(v.value);
          break;
        case '#':
        case '%': {
          std::string why;
          auto glob = GlobPattern::compile(word, &why);
          if (!glob) {
            return fail("invalid pattern (" + word + ") in substitution: " + why, begin, pos_);
          }
          out.append(mod == '#' ? glob->trim_prefix(v.value, greedy)
                                : glob->trim_suffix(v.value, greedy));
          break;
        }
        default:
          return fail("unsupported modifier (" + chs + ") in substitution", begin, pos_);
      }
      finish(ref);
      return true;
    }

    if (mod == '/') {
      const bool all = pos_ < n_ && text_[pos_] == '/';
      if (all) ++pos_;
      std::string pattern, replacement;
      if (!nested('/', true, pattern, depth + 1, begin, "syntax error: missing '/' in ${}")) {
        return false;
      }
      if (!nested('}', true, replacement, depth + 1, begin, "syntax error: missing '}'")) {
        return false;
      }
      ref.op = all ? "//" : "/";
      VarValue v = look(ref);
      if (v.state == VarValue::State::kUnknown) {
        keep_as_written(out, begin);
        finish(ref);
        return true;
      }
      if (v.state == VarValue::State::kUnset && opt_.keep_unset) {
        out += "${" + ref.name + "/" + pattern + "/" + replacement + "}";  // as BuildKit does
        finish(ref);
        return true;
      }
      std::string why;
      auto glob = GlobPattern::compile(pattern, &why);
      if (!glob) {
        return fail("invalid pattern (" + pattern + ") in substitution: " + why, begin, pos_);
      }
      out.append(glob->replace(v.value, replacement, all));
      finish(ref);
      return true;
    }

    return fail("unsupported modifier (" + chs + ") in substitution", begin, pos_);
  }

  std::string_view text_;
  size_t n_;
  size_t pos_ = 0;
  const VarLookup& lookup_;
  const ExpandOptions& opt_;
  ExpandResult& result_;
  bool depth_exceeded_ = false;
};

}  // namespace

ExpandResult expand_word(std::string_view text, const VarLookup& lookup,
                         const ExpandOptions& options) {
  ExpandResult result;
  Lexer(text, lookup, options, result).run(false);
  return result;
}

ExpandResult expand_words(std::string_view text, const VarLookup& lookup,
                          const ExpandOptions& options) {
  ExpandResult result;
  Lexer(text, lookup, options, result).run(true);
  return result;
}

ExpandResult find_references(std::string_view text, const ExpandOptions& options) {
  ExpandOptions o = options;
  o.keep_unset = true;
  EmptyLookup none;
  ExpandResult result;
  Lexer(text, none, o, result).run(false);
  return result;
}

std::string buildkit_error_message(std::string_view text, const ExpandError& error) {
  static const char kHex[] = "0123456789abcdef";
  std::string q = "\"";
  for (size_t pos = 0; pos < text.size();) {
    Rune r = decode_rune(text, pos);
    unsigned char c = static_cast<unsigned char>(text[pos]);
    if (r.cp == kRuneError && r.len == 1 && c >= 0x80) {
      q += "\\x";
      q += kHex[c >> 4];
      q += kHex[c & 15];
    } else if (c == '"' || c == '\\') {
      q += '\\';
      q += static_cast<char>(c);
    } else if (c == '\n') {
      q += "\\n";
    } else if (c == '\t') {
      q += "\\t";
    } else if (c == '\r') {
      q += "\\r";
    } else if (c < 0x20 || c == 0x7F) {
      q += "\\x";
      q += kHex[c >> 4];
      q += kHex[c & 15];
    } else {
      q.append(text.substr(pos, r.len));
    }
    pos += r.len;
  }
  q += '"';
  return "failed to process " + q + ": " + error.message;
}

}  // namespace dockml
