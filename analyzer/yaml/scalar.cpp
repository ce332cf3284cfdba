#include "analyzer/yaml/scalar.h"

#include <algorithm>
#include <vector>

namespace dockml::yaml {
namespace {

enum class Mode { kPlain, kSingle, kDouble };

bool is_space(char c) { return c == ' ' || c == '\t'; }

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

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes one escape at s[i] == '\\' (not a line break); returns the characters consumed.
size_t decode_escape(std::string_view s, size_t i, std::string& out) {
  if (i + 1 >= s.size()) {
    out.push_back('\\');
    return 1;
  }
  char c = s[i + 1];
  switch (c) {
    case '0': out.push_back('\0'); return 2;
    case 'a': out.push_back('\a'); return 2;
    case 'b': out.push_back('\b'); return 2;
    case 't': case '\t': out.push_back('\t'); return 2;
    case 'n': out.push_back('\n'); return 2;
    case 'v': out.push_back('\v'); return 2;
    case 'f': out.push_back('\f'); return 2;
    case 'r': out.push_back('\r'); return 2;
    case 'e': out.push_back('\x1B'); return 2;
    case ' ': case '"': case '/': case '\\': out.push_back(c); return 2;
    case 'N': append_utf8(out, 0x85); return 2;
    case '_': append_utf8(out, 0xA0); return 2;
    case 'L': append_utf8(out, 0x2028); return 2;
    case 'P': append_utf8(out, 0x2029); return 2;
    case 'x': case 'u': case 'U': {
      size_t digits = c == 'x' ? 2 : c == 'u' ? 4 : 8;
      if (i + 2 + digits > s.size()) break;
      uint32_t cp = 0;
      for (size_t k = 0; k < digits; ++k) {
        int h = hex_value(s[i + 2 + k]);
        if (h < 0) {
          out.push_back('\\');
          return 1;
        }
        cp = cp * 16 + static_cast<uint32_t>(h);
      }
      append_utf8(out, cp);
      return 2 + digits;
    }
    default: break;
  }
  out.push_back('\\');  // invalid escape: keep as written
  return 1;
}

// Flow scalar text (quotes removed) with line folding and, per mode, quote/escape handling.
std::string fold(std::string_view s, Mode mode) {
  std::string out;
  out.reserve(s.size());
  size_t keep = 0;  // output before this index came from escapes and is never trimmed
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') {
      ++i;
      continue;
    }
    if (c == '\n') {
      while (out.size() > keep && is_space(out.back())) out.pop_back();
      size_t breaks = 0;
      ++i;
      while (true) {
        while (i < s.size() && (is_space(s[i]) || s[i] == '\r')) ++i;
        if (i < s.size() && s[i] == '\n') {
          ++breaks;
          ++i;
          continue;
        }
        break;
      }
      if (breaks == 0) out.push_back(' ');
      else out.append(breaks, '\n');
      continue;
    }
    if (mode == Mode::kSingle && c == '\'' && i + 1 < s.size() && s[i + 1] == '\'') {
      out.push_back('\'');
      i += 2;
      continue;
    }
    if (mode == Mode::kDouble && c == '\\') {
      size_t j = i + 1;
      if (j < s.size() && s[j] == '\r') ++j;
      if (j < s.size() && s[j] == '\n') {  // escaped line break: join without a space
        i = j + 1;
        while (i < s.size() && is_space(s[i])) ++i;
        keep = out.size();
        continue;
      }
      i += decode_escape(s, i, out);
      keep = out.size();
      continue;
    }
    out.push_back(c);
    ++i;
  }
  return out;
}

std::string_view strip_quotes(std::string_view text, char quote) {
  if (!text.empty() && text.front() == quote) text.remove_prefix(1);
  if (!text.empty() && text.back() == quote) text.remove_suffix(1);
  return text;
}

}  // namespace

std::string decode_plain(std::string_view text) { return fold(text, Mode::kPlain); }

std::string decode_single_quoted(std::string_view text) {
  return fold(strip_quotes(text, '\''), Mode::kSingle);
}

std::string decode_double_quoted(std::string_view text) {
  return fold(strip_quotes(text, '"'), Mode::kDouble);
}

std::string decode_block(std::string_view text, uint32_t header_indent, uint32_t trailing_breaks) {
  if (text.empty()) return "";
  bool folded = text.front() == '>';
  char chomp = 'c';
  uint32_t explicit_indent = 0;
  size_t nl = text.find('\n');
  std::string_view header = text.substr(1, nl == std::string_view::npos ? text.size() - 1 : nl - 1);
  for (char c : header) {
    if (c == '-' || c == '+') chomp = c;
    else if (c >= '1' && c <= '9' && explicit_indent == 0) explicit_indent = c - '0';
    else if (c == '#') break;
  }
  if (nl == std::string_view::npos) return "";
  std::vector<std::string_view> lines;
  for (size_t pos = nl + 1; pos <= text.size();) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    pos = end + 1;
  }
  auto leading = [](std::string_view l) {
    size_t n = 0;
    while (n < l.size() && l[n] == ' ') ++n;
    return n;
  };
  size_t indent = explicit_indent ? header_indent + explicit_indent : 0;
  if (!explicit_indent) {
    for (std::string_view l : lines) {
      if (leading(l) < l.size()) {
        indent = leading(l);
        break;
      }
    }
  }
  // Content lines with the indentation removed ("" for blank lines).
  std::vector<std::string_view> content;
  for (std::string_view l : lines) {
    if (leading(l) >= l.size() && l.find('\t') == std::string_view::npos) {
      content.emplace_back();
    } else {
      content.push_back(l.substr(std::min(indent, leading(l))));
    }
  }
  size_t trailing = 0;
  while (!content.empty() && content.back().empty()) {
    content.pop_back();
    ++trailing;
  }
  std::string out;
  if (!folded) {
    for (size_t k = 0; k < content.size(); ++k) {
      if (k) out.push_back('\n');
      out.append(content[k]);
    }
  } else {
    bool first = true, prev_more = false;
    size_t breaks = 0;
    for (std::string_view l : content) {
      if (l.empty()) {
        ++breaks;
        continue;
      }
      bool more = is_space(l.front());
      if (first) out.append(breaks, '\n');
      else if (!more && !prev_more) out.append(breaks == 0 ? std::string(" ") : std::string(breaks, '\n'));
      else out.append(breaks + 1, '\n');
      out.append(l);
      first = false;
      prev_more = more;
      breaks = 0;
    }
  }
  if (content.empty()) return chomp == '+' ? std::string(trailing + trailing_breaks, '\n') : "";
  if (chomp == '-') return out;
  out.push_back('\n');
  if (chomp == '+') out.append(trailing + trailing_breaks, '\n');
  return out;
}

}  // namespace dockml::yaml
