// Unified-diff parsing for pull-request mode.
#include "analyzer/diff/diff_filter.h"

#include <algorithm>
#include <optional>

namespace dockml {

namespace {

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// Parses an unsigned decimal at s[i..]; advances i. nullopt when there is no digit or overflow.
std::optional<uint32_t> parse_number(std::string_view s, size_t& i) {
  uint64_t value = 0;
  size_t start = i;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
    value = value * 10 + static_cast<uint64_t>(s[i] - '0');
    if (value > 0xFFFFFFFFull) return std::nullopt;
    ++i;
  }
  if (i == start) return std::nullopt;
  return static_cast<uint32_t>(value);
}

// "-12,3" or "+7" (count omitted means 1) starting at s[i].
bool parse_range(std::string_view s, size_t& i, char sign, uint32_t& start, uint32_t& count) {
  if (i >= s.size() || s[i] != sign) return false;
  ++i;
  auto a = parse_number(s, i);
  if (!a) return false;
  start = *a;
  count = 1;
  if (i < s.size() && s[i] == ',') {
    ++i;
    auto b = parse_number(s, i);
    if (!b) return false;
    count = *b;
  }
  return true;
}

struct HunkHeader {
  uint32_t old_count = 0;
  uint32_t new_start = 0;
  uint32_t new_count = 0;
};

std::optional<HunkHeader> parse_hunk_header(std::string_view line) {
  if (!starts_with(line, "@@ ")) return std::nullopt;
  size_t i = 3;
  HunkHeader h;
  uint32_t old_start = 0;
  if (!parse_range(line, i, '-', old_start, h.old_count)) return std::nullopt;
  if (i >= line.size() || line[i] != ' ') return std::nullopt;
  ++i;
  if (!parse_range(line, i, '+', h.new_start, h.new_count)) return std::nullopt;
  if (line.substr(i, 3) != " @@") return std::nullopt;
  return h;
}

// The path of a "--- X" / "+++ X" / "rename to X" line: unquoted, timestamp cut at a tab,
// one "a/" or "b/" prefix removed when `strip` says so.
std::string header_path(std::string_view raw, std::string_view strip) {
  std::string path;
  if (!raw.empty() && raw.front() == '"') {
    path = unquote_git_path(raw);
  } else {
    size_t tab = raw.find('\t');
    path = std::string(raw.substr(0, tab));
  }
  if (!strip.empty() && starts_with(path, strip)) path.erase(0, strip.size());
  return path;
}

void add_line(std::vector<LineRange>& ranges, uint32_t line) {
  if (!ranges.empty() && ranges.back().last + 1 >= line && ranges.back().first <= line) {
    ranges.back().last = std::max(ranges.back().last, line);
    return;
  }
  ranges.push_back({line, line});
}

void normalise(std::vector<LineRange>& ranges) {
  std::sort(ranges.begin(), ranges.end(),
            [](const LineRange& a, const LineRange& b) { return a.first < b.first; });
  std::vector<LineRange> merged;
  for (const LineRange& r : ranges) {
    if (!merged.empty() && r.first <= merged.back().last + 1)
      merged.back().last = std::max(merged.back().last, r.last);
    else
      merged.push_back(r);
  }
  ranges = std::move(merged);
}

}  // namespace

std::string unquote_git_path(std::string_view s) {
  if (s.size() < 2 || s.front() != '"') return std::string(s);
  std::string out;
  size_t i = 1;
  for (; i < s.size() && s[i] != '"'; ++i) {
    char c = s[i];
    if (c != '\\' || i + 1 >= s.size()) {
      out += c;
      continue;
    }
    char e = s[++i];
    switch (e) {
      case 'a': out += '\a'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      default:
        if (e >= '0' && e <= '7') {
          int value = 0;
          size_t digits = 0;
          while (digits < 3 && i < s.size() && s[i] >= '0' && s[i] <= '7') {
            value = value * 8 + (s[i] - '0');
            ++i;
            ++digits;
          }
          --i;
          out += static_cast<char>(value & 0xFF);
        } else {
          out += e;  // \" and \\ and anything unknown
        }
    }
  }
  return out;
}

DiffChanges parse_unified_diff(std::string_view text) {
  DiffChanges result;
  std::string current;        // new-side path of the file being read ("" = none/deleted)
  bool git_header = false;    // inside a "diff --git" section: strip a/ b/ prefixes
  std::string rename_to;      // from "rename to X" (already without prefix)
  uint32_t old_left = 0, new_left = 0, new_line = 0;
  std::vector<LineRange>* ranges = nullptr;

  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() + 1 : nl + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);

    if (old_left > 0 || new_left > 0) {  // inside a hunk: counts decide, not the text
      char c = line.empty() ? ' ' : line.front();
      if (c == '\\') continue;  // "\ No newline at end of file"
      if (c == '+') {
        if (new_left > 0) {
          if (ranges) add_line(*ranges, new_line);
          ++new_line;
          --new_left;
        }
      } else if (c == '-') {
        if (old_left > 0) --old_left;
      } else if (c == ' ' || line.empty()) {
        if (old_left > 0) --old_left;
        if (new_left > 0) {
          --new_left;
          ++new_line;
        }
      } else {
        old_left = new_left = 0;  // malformed hunk: fall through to header parsing
      }
      if (old_left > 0 || new_left > 0) continue;
      if (c == '+' || c == '-' || c == ' ' || line.empty()) continue;
    }

    if (starts_with(line, "diff --git ")) {
      git_header = true;
      current.clear();
      rename_to.clear();
      ranges = nullptr;
    } else if (starts_with(line, "rename to ")) {
      rename_to = header_path(line.substr(10), "");
    } else if (starts_with(line, "--- ")) {
      ranges = nullptr;
    } else if (starts_with(line, "+++ ")) {
      std::string_view raw = line.substr(4);
      if (raw == "/dev/null" || starts_with(raw, "/dev/null\t")) {
        current.clear();
        ranges = nullptr;
      } else {
        current = header_path(raw, git_header || starts_with(raw, "b/") ? "b/" : "");
        if (current.empty() && !rename_to.empty()) current = rename_to;
        ranges = &result.files[current];
      }
    } else if (auto h = parse_hunk_header(line)) {
      old_left = h->old_count;
      new_left = h->new_count;
      new_line = h->new_start;
    }
  }
  for (auto it = result.files.begin(); it != result.files.end();) {
    normalise(it->second);
    it = it->second.empty() ? result.files.erase(it) : std::next(it);
  }
  return result;
}

bool diff_touches(const DiffChanges& changes, const std::string& path, uint32_t first_line,
                  uint32_t last_line) {
  auto it = changes.files.find(path);
  if (it == changes.files.end()) return false;
  if (last_line < first_line) std::swap(first_line, last_line);
  for (const LineRange& r : it->second)
    if (r.first <= last_line && first_line <= r.last) return true;
  return false;
}

}  // namespace dockml
