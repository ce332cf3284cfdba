// Text output: compiler-style code frames and a summary line.
#include "analyzer/render/text.h"

#include <algorithm>
#include <map>
#include <optional>

#include <fmt/format.h>

#include "analyzer/render/location.h"
#include "analyzer/render/render.h"

namespace dockml {

namespace {

constexpr size_t kMaxLineBytes = 400;    // longer lines are shown as a window around the span
constexpr size_t kWindowBefore = 60;
constexpr size_t kWindowBytes = 320;
constexpr uint32_t kTabWidth = 4;

const char* severity_color(Severity s) {
  switch (s) {
    case Severity::kError: return "\x1b[1;31m";
    case Severity::kWarning: return "\x1b[1;33m";
    case Severity::kInfo: return "\x1b[1;34m";
    case Severity::kStyle: return "\x1b[1;36m";
  }
  return "";
}

class Paint {
 public:
  explicit Paint(bool on) : on_(on) {}
  std::string operator()(std::string_view text, const char* code) const {
    if (!on_ || text.empty()) return std::string(text);
    return fmt::format("{}{}\x1b[0m", code, text);
  }

 private:
  bool on_;
};
constexpr const char* kBold = "\x1b[1m";
constexpr const char* kGutter = "\x1b[1;34m";
constexpr const char* kSecondary = "\x1b[1;34m";

// Decodes the code point at s[i]; invalid bytes decode as U+FFFD of length 1.
size_t decode(std::string_view s, size_t i, char32_t& cp) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  size_t len = 0;
  char32_t v = 0;
  char32_t min = 0;
  if (c < 0x80) { cp = c; return 1; }
  if ((c & 0xE0) == 0xC0) { len = 2; v = c & 0x1F; min = 0x80; }
  else if ((c & 0xF0) == 0xE0) { len = 3; v = c & 0x0F; min = 0x800; }
  else if ((c & 0xF8) == 0xF0) { len = 4; v = c & 0x07; min = 0x10000; }
  else { cp = 0xFFFD; return 1; }
  if (i + len > s.size()) { cp = 0xFFFD; return 1; }
  for (size_t k = 1; k < len; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) { cp = 0xFFFD; return 1; }
    v = (v << 6) | (b(i + k) & 0x3F);
  }
  if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) { cp = 0xFFFD; return 1; }
  cp = v;
  return len;
}

// A line of source as shown in the frame: a byte window of the line, sanitised
// (tabs expanded, control characters and invalid bytes shown as U+FFFD), with the
// display column of every byte offset in the window.
struct LineView {
  std::string shown;
  size_t win_begin = 0;
  size_t win_end = 0;
  std::vector<uint32_t> cols;  // cols[k]: display column of byte win_begin + k (k <= size)

  LineView(std::string_view line, size_t focus) {
    win_end = line.size();
    bool cut_left = false;
    bool cut_right = false;
    if (line.size() > kMaxLineBytes) {
      win_begin = focus > kWindowBefore ? focus - kWindowBefore : 0;
      while (win_begin > 0 && (static_cast<unsigned char>(line[win_begin]) & 0xC0) == 0x80)
        --win_begin;
      win_end = std::min(line.size(), win_begin + kWindowBytes);
      while (win_end < line.size() && (static_cast<unsigned char>(line[win_end]) & 0xC0) == 0x80)
        ++win_end;
      cut_left = win_begin > 0;
      cut_right = win_end < line.size();
    }
    uint32_t col = 0;
    if (cut_left) { shown = "..."; col = 3; }
    cols.assign(win_end - win_begin + 1, 0);
    size_t i = win_begin;
    while (i < win_end) {
      char32_t cp = 0;
      size_t len = decode(line, i, cp);
      for (size_t k = 0; k < len; ++k) cols[i - win_begin + k] = col;
      if (cp == '\t') {
        uint32_t next = (col / kTabWidth + 1) * kTabWidth;
        shown.append(next - col, ' ');
        col = next;
      } else if (cp < 0x20 || cp == 0x7F || cp == 0xFFFD) {
        shown += "\xEF\xBF\xBD";
        col += 1;
      } else {
        shown.append(line.substr(i, len));
        col += static_cast<uint32_t>(char_cells(cp));
      }
      i += len;
    }
    cols[win_end - win_begin] = col;
    if (cut_right) shown += "...";
  }

  uint32_t col(size_t byte) const {
    byte = std::clamp(byte, win_begin, win_end);
    return cols[byte - win_begin];
  }
};

struct Mark {
  uint32_t line;        // 0-based
  size_t from;          // byte offsets within the line
  size_t to;
  bool primary;
  std::string label;
};

// Splits a span into marks: one per line for single-line spans, first and last line
// for multi-line spans (the label goes on the last).
void add_marks(const SourceFile& file, Span span, bool primary, const std::string& label,
               std::vector<Mark>& marks) {
  uint32_t begin = std::min(span.begin, file.size());
  uint32_t end = std::min(std::max(span.end, begin), file.size());
  // The end of a file that ends with a newline is the start of an (empty) extra line, as
  // in the header's line:col.
  auto pos_of = [&](uint32_t offset) {
    if (offset == file.size() && file.ends_with_newline()) return Position{file.line_count(), 0};
    return file.position(offset);
  };
  Position b = pos_of(begin);
  Position e = pos_of(end);
  // A span ending at the start of a line ends, for display, at the end of the previous one.
  if (e.line > b.line && e.column == 0) {
    e.line -= 1;
    e.column = file.line_span(e.line).size();
  }
  if (b.line == e.line) {
    marks.push_back({b.line, b.column, std::max(e.column, b.column), primary, label});
    return;
  }
  marks.push_back({b.line, b.column, file.line_span(b.line).size(), primary, {}});
  std::string_view last = file.line_text(e.line);
  size_t indent = last.find_first_not_of(" \t");
  if (indent == std::string_view::npos || indent > e.column) indent = 0;
  marks.push_back({e.line, indent, e.column, primary, label});
}

size_t digits(uint32_t n) { return fmt::format("{}", n).size(); }

void render_frame(std::ostream& out, const SourceFile& file, std::vector<Mark> marks,
                  Severity severity, const Paint& paint) {
  std::stable_sort(marks.begin(), marks.end(), [](const Mark& a, const Mark& b) {
    if (a.line != b.line) return a.line < b.line;
    return a.primary && !b.primary;
  });
  uint32_t max_line = 0;
  for (const Mark& m : marks) max_line = std::max(max_line, m.line + 1);
  std::string pad(digits(max_line), ' ');
  std::string bar = paint(pad + " |", kGutter);
  out << bar << '\n';
  size_t i = 0;
  std::optional<uint32_t> prev;
  while (i < marks.size()) {
    uint32_t line = marks[i].line;
    if (prev && line > *prev + 1) out << paint("...", kGutter) << '\n';
    prev = line;
    std::string_view text = file.line_text(line);
    size_t skip = line == 0 && file.has_bom() ? 3 : 0;  // the BOM is not shown
    text.remove_prefix(std::min(skip, text.size()));
    auto shift = [&](size_t byte) { return byte > skip ? byte - skip : 0; };
    LineView view(text, shift(marks[i].from));
    std::string number = fmt::format("{:>{}}", line + 1, pad.size());
    out << paint(number + " |", kGutter);
    if (!view.shown.empty()) out << ' ' << view.shown;
    out << '\n';
    for (; i < marks.size() && marks[i].line == line; ++i) {
      const Mark& m = marks[i];
      uint32_t c0 = view.col(shift(m.from));
      uint32_t c1 = view.col(shift(m.to));
      uint32_t width = c1 > c0 ? c1 - c0 : 1;
      std::string underline(width, m.primary ? '^' : '-');
      const char* color = m.primary ? severity_color(severity) : kSecondary;
      out << bar << ' ' << std::string(c0, ' ') << paint(underline, color);
      if (!m.label.empty()) out << ' ' << paint(m.label, color);
      out << '\n';
    }
  }
}

std::string plural(size_t n, std::string_view word, std::string_view words) {
  return fmt::format("{} {}", n, n == 1 ? word : words);
}

}  // namespace

int char_cells(char32_t cp) {
  if ((cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x200B && cp <= 0x200F) ||
      (cp >= 0xFE00 && cp <= 0xFE0F))
    return 0;
  if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
      (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
      (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
      (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
      (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
      (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
      (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD))
    return 2;
  return 1;
}

void render_text_diagnostic(std::ostream& out, const Diagnostic& d, bool color, bool with_url) {
  Paint paint(color);
  const char* sev_color = severity_color(d.severity);
  if (!d.source) {
    out << paint(fmt::format("{}[{}]", severity_name(d.severity), d.code), sev_color) << ": "
        << paint(d.message, kBold) << "\n\n";
    return;
  }
  const SourceFile& file = *d.source;
  Location loc = char_location(file, d.span);
  out << paint(fmt::format("{}:{}:{}:", display_path(file), loc.line, loc.column), kBold) << ' '
      << paint(fmt::format("{}[{}]", severity_name(d.severity), d.code), sev_color) << ": "
      << paint(d.message, kBold) << '\n';

  std::vector<Mark> marks;
  add_marks(file, d.span, true, {}, marks);
  // Labels in other files get their own frame, after this one.
  std::map<std::string, std::pair<const SourceFile*, std::vector<Mark>>> others;
  for (const Label& l : d.labels) {
    if (!l.source || l.source.get() == &file || l.source->path() == file.path()) {
      add_marks(file, l.span, false, l.message, marks);
    } else {
      auto& entry = others[l.source->path()];
      entry.first = l.source.get();
      add_marks(*l.source, l.span, false, l.message, entry.second);
    }
  }
  render_frame(out, file, marks, d.severity, paint);
  for (auto& [path, entry] : others) {
    const Mark& first = entry.second.front();
    Location at = char_location(*entry.first, Span{entry.first->line_start(first.line) +
                                                        static_cast<uint32_t>(first.from), 0});
    out << paint("  :::", kGutter) << ' '
        << fmt::format("{}:{}:{}", display_path(*entry.first), at.line, at.column) << '\n';
    render_frame(out, *entry.first, entry.second, d.severity, paint);
  }
  for (const std::string& note : d.notes) out << "  = " << paint("note", kBold) << ": " << note << '\n';
  if (d.fix) {
    std::string kind = d.fix->applicability == Applicability::kSafe     ? "safe fix"
                       : d.fix->applicability == Applicability::kUnsafe ? "unsafe fix"
                                                                         : "suggestion";
    out << "  = " << paint("help", kBold) << ": " << d.fix->title << " (" << kind << ")\n";
  }
  if (with_url) out << "  = " << paint("docs", kBold) << ": " << rule_url(d.code) << '\n';
  out << '\n';
}

std::string summary_line(const std::vector<Diagnostic>& diagnostics, size_t files_checked,
                         size_t fixed) {
  size_t counts[4] = {0, 0, 0, 0};
  size_t fixable = 0;
  for (const Diagnostic& d : diagnostics) {
    ++counts[static_cast<int>(d.severity)];
    if (d.fix && d.fix->applicability == Applicability::kSafe) ++fixable;
  }
  std::string s = plural(counts[0], "error", "errors") + ", " + plural(counts[1], "warning", "warnings");
  if (counts[2]) s += ", " + plural(counts[2], "info", "infos");
  if (counts[3]) s += ", " + plural(counts[3], "style issue", "style issues");
  s += " in " + plural(files_checked, "file", "files");
  if (fixable) s += fmt::format("; {} with a safe fix", fixable);
  if (fixed) s += fmt::format("; {} fixed", fixed);
  return s;
}

void render_text(std::ostream& out, const RenderInput& in) {
  static const std::vector<Diagnostic> kNone;
  const std::vector<Diagnostic>& diags = in.diagnostics ? *in.diagnostics : kNone;
  for (const Diagnostic& d : diags) render_text_diagnostic(out, d, in.color);
  out << summary_line(diags, in.files_checked, in.fixed) << '\n';
}

}  // namespace dockml
