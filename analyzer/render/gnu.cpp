// GNU Coding Standards error format ("Formatting Error Messages"), one line per diagnostic:
//   FILE:LINE:COL: SEVERITY: MESSAGE [CODE]            empty span (a point)
//   FILE:LINE.COL-ENDCOL: SEVERITY: MESSAGE [CODE]     span on one line
//   FILE:LINE.COL-ENDLINE.ENDCOL: SEVERITY: ...       span over several lines
// Columns are 1-based characters with tab stops every 8 (as the standard asks); the end
// column is the last character of the span (inclusive, as Bison and Emacs read it). Notes,
// labels (at their own location) and the fix title follow as "note:" lines. Line breaks in
// messages become spaces so every record stays on one line.
#include <fmt/core.h>

#include "analyzer/render/render.h"
#include "analyzer/render/render_util.h"

namespace dockml {

namespace {

std::string one_line(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n') continue;
    out.push_back(s[i] == '\n' || s[i] == '\r' ? ' ' : s[i]);
  }
  return render::valid_utf8(out);
}

std::string where(const std::string& path, const SourceFile* file, Span span) {
  if (!file) return path;
  render::Range r = render::span_range(*file, span, render::ColumnUnit::kGnu);
  if (r.start == r.end) return fmt::format("{}:{}:{}", path, r.start.line, r.start.column);
  uint32_t last = r.end.column > 1 ? r.end.column - 1 : 1;
  if (r.start.line == r.end.line) {
    return fmt::format("{}:{}.{}-{}", path, r.start.line, r.start.column, std::max(last, r.start.column));
  }
  return fmt::format("{}:{}.{}-{}.{}", path, r.start.line, r.start.column, r.end.line, last);
}

std::string point(const std::string& path, const SourceFile* file, Span span) {
  return where(path, file, Span{span.begin, span.begin});
}

}  // namespace

void render_gnu(std::ostream& out, const RenderInput& in) {
  for (const Diagnostic& d : render::diagnostics_of(in)) {
    std::string path = one_line(render::report_path(d, in.root_dir));
    const SourceFile* file = d.source.get();
    out << fmt::format("{}: {}: {} [{}]\n", where(path, file, d.span), severity_name(d.severity),
                       one_line(d.message), d.code);
    for (const Label& l : d.labels) {
      const SourceFile* lfile = l.source ? l.source.get() : file;
      std::string lpath = l.source ? one_line(render::report_path(l.source->path(), in.root_dir)) : path;
      out << fmt::format("{}: note: {}\n", where(lpath, lfile, l.span), one_line(l.message));
    }
    for (const std::string& note : d.notes) {
      out << fmt::format("{}: note: {}\n", point(path, file, d.span), one_line(note));
    }
    if (d.fix && !d.fix->title.empty()) {
      out << fmt::format("{}: note: fix ({}): {}\n", point(path, file, d.span),
                         applicability_name(d.fix->applicability), one_line(d.fix->title));
    }
  }
}

}  // namespace dockml
