#include "analyzer/dockerfile/dump.h"

#include <fmt/format.h>

#include "analyzer/dockerfile/parse_internal.h"

namespace dockml {

using namespace dfparse;

namespace {

// Go's unicode.IsPrint, approximated: exact for ASCII and Latin-1, covers the format,
// separator, private-use and special ranges elsewhere (unassigned code points are treated
// as printable).
bool go_is_print(uint32_t r) {
  if (r < 0x80) return r >= 0x20 && r < 0x7F;
  if (r <= 0xA0 || r == 0xAD) return false;
  if (r == 0x61C || r == 0x6DD || r == 0x70F || r == 0x180E || r == 0x1680) return false;
  if (r >= 0x2000 && r <= 0x200F) return false;
  if (r >= 0x2028 && r <= 0x202F) return false;
  if (r >= 0x205F && r <= 0x206F) return false;
  if (r == 0x3000 || r == 0xFEFF) return false;
  if (r >= 0xD800 && r <= 0xF8FF) return false;
  if (r >= 0xFFF9 && r <= 0xFFFB) return false;
  if (r == 0xFFFE || r == 0xFFFF) return false;
  if (r >= 0xE0000 && r <= 0xE007F) return false;
  if (r >= 0xF0000) return false;
  return true;
}

// BuildKit's flag words go through `word.WriteRune(rune(line[pos]))`, which re-encodes
// every byte >= 0x80 as the Latin-1 code point of that byte.
std::string latin1_to_utf8(std::string_view s) {
  std::string out;
  for (char c : s) append_utf8(out, static_cast<unsigned char>(c));
  return out;
}

void trim_space(std::string& s) {
  uint32_t b = 0, e = static_cast<uint32_t>(s.size());
  trim_unicode_space(s, b, e);
  s = s.substr(b, e - b);
}

}  // namespace

std::string go_quote(std::string_view s) {
  std::string out = "\"";
  for (size_t i = 0; i < s.size();) {
    DecodedRune r = decode_rune(s, i);
    if (r.cp == 0xFFFD && r.width == 1) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(s[i]));
      ++i;
      continue;
    }
    uint32_t cp = r.cp;
    if (cp == '"' || cp == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(cp));
    } else if (go_is_print(cp)) {
      out.append(s.substr(i, r.width));
    } else {
      switch (cp) {
        case '\a': out += "\\a"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\v': out += "\\v"; break;
        default:
          if (cp < ' ' || cp == 0x7F) {
            out += fmt::format("\\x{:02x}", cp);
          } else if (cp < 0x10000) {
            out += fmt::format("\\u{:04x}", cp);
          } else {
            out += fmt::format("\\U{:08x}", cp);
          }
      }
    }
    i += r.width;
  }
  out.push_back('"');
  return out;
}

std::string dump_instruction(const Instruction& inst) {
  std::string str = go_to_lower(inst.keyword);
  if (!inst.flags.empty()) {
    str += " [";
    for (size_t i = 0; i < inst.flags.size(); ++i) {
      const Flag& f = inst.flags[i];
      std::string word = "--" + f.name;
      if (f.has_value) word += "=" + f.value;
      if (i > 0) str += " ";
      str += go_quote(latin1_to_utf8(word));
    }
    str += "]";
  }
  if (inst.trigger) {
    std::string child = "(" + dump_instruction(*inst.trigger) + ")\n";
    trim_space(child);
    str += " " + child;
  } else {
    for (const auto& a : inst.args) str += " " + go_quote(a.text);
  }
  trim_space(str);
  return str;
}

std::string dump_buildkit(const Dockerfile& df) {
  std::string out;
  for (const auto& inst : df.instructions) out += "(" + dump_instruction(inst) + ")\n";
  return out;
}

}  // namespace dockml
