// GitHub Actions workflow commands (docs: "Workflow commands for GitHub Actions"):
//   ::error file=F,line=L,endLine=L2,col=C,endColumn=C2,title=T::MESSAGE
// Data escapes % CR LF as %25 %0D %0A; property values also escape ':' and ',' (%3A %2C).
// col/endColumn are given only for single-line spans (GitHub ignores them otherwise);
// columns are 1-based UTF-16 code units, like SARIF. GitHub shows at most 10 annotations of
// each level per step, so a summary line ends the output and a Markdown job summary listing
// every finding is appended to $GITHUB_STEP_SUMMARY when it is set.
#include "analyzer/render/github.h"

#include <cstdlib>
#include <fstream>

#include <fmt/core.h>

#include "analyzer/render/render_util.h"

namespace dockml {

namespace {

using render::ColumnUnit;

// GitHub keeps this many annotations per level and step.
constexpr size_t kAnnotationLimit = 10;
// Rows of the job summary table (the summary file is limited to 1 MiB).
constexpr size_t kSummaryRowLimit = 500;

std::string_view command_for(Severity s) {
  switch (s) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kInfo:
    case Severity::kStyle: return "notice";
  }
  return "warning";
}

std::string fix_line(const Fix& f) {
  std::string_view how = f.applicability == Applicability::kSafe     ? "safe, applied by --fix"
                         : f.applicability == Applicability::kUnsafe ? "unsafe, needs --unsafe-fixes"
                                                                     : "not applied automatically";
  return fmt::format("fix: {} ({})", f.title, how);
}

// Message, notes, fix title and docs link, one per line.
std::string full_message(const Diagnostic& d) {
  std::string text = d.message;
  for (const std::string& note : d.notes) text += "\nnote: " + note;
  if (d.fix && !d.fix->title.empty()) text += "\n" + fix_line(*d.fix);
  text += "\ndocs: " + rule_url(d.code);
  return render::valid_utf8(text);
}

std::string title_for(const Diagnostic& d, const RenderInput& in) {
  const RuleMeta* meta = render::find_meta(d.code, in.rules_run);
  if (meta && !meta->name.empty()) return fmt::format("{} {}", d.code, meta->name);
  return d.code;
}

// Text for a Markdown table cell: HTML-escaped, pipes and Markdown syntax neutralised.
std::string md_cell(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '|': out += "&#124;"; break;
      case '\r': break;
      case '\n': out += "<br>"; break;
      case '\\': case '`': case '*': case '_': case '[': case ']':
        out.push_back('\\');  // Markdown emphasis, code and link syntax stay literal
        out.push_back(c);
        break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string summary_line(const RenderInput& in) {
  render::SeverityCounts c = render::count_severities(render::diagnostics_of(in));
  std::string line = fmt::format("dockml: {} in {}", render::counts_phrase(c),
                                 render::files_phrase(in.files_checked));
  size_t notices = c.info + c.style;
  if (c.error > kAnnotationLimit || c.warning > kAnnotationLimit || notices > kAnnotationLimit) {
    line += fmt::format(
        " (GitHub shows only {} annotations of each level per step: all findings are listed "
        "above and in the job summary)",
        kAnnotationLimit);
  }
  return line;
}

}  // namespace

std::string github_escape_data(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string github_escape_property(std::string_view s) {
  std::string out;
  for (char c : github_escape_data(s)) {
    switch (c) {
      case ':': out += "%3A"; break;
      case ',': out += "%2C"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

void render_github_annotations(std::ostream& out, const RenderInput& in) {
  for (const Diagnostic& d : render::diagnostics_of(in)) {
    std::string path = render::valid_utf8(render::report_path(d, in.root_dir));
    std::string props = "file=" + github_escape_property(path);
    if (d.source) {
      render::Range r = render::span_range(*d.source, d.span, ColumnUnit::kUtf16);
      props += fmt::format(",line={},endLine={}", r.start.line, r.end.line);
      if (r.start.line == r.end.line) {
        props += fmt::format(",col={}", r.start.column);
        if (r.end.column > r.start.column) props += fmt::format(",endColumn={}", r.end.column);
      }
    }
    props += ",title=" + github_escape_property(render::valid_utf8(title_for(d, in)));
    out << "::" << command_for(d.severity) << ' ' << props
        << "::" << github_escape_data(full_message(d)) << '\n';
  }
  out << summary_line(in) << '\n';
}

std::string github_step_summary(const RenderInput& in) {
  const std::vector<Diagnostic>& diags = render::diagnostics_of(in);
  render::SeverityCounts c = render::count_severities(diags);
  std::string md = "### dockml\n\n";
  md += fmt::format("{} in {}.\n", render::counts_phrase(c), render::files_phrase(in.files_checked));
  if (diags.empty()) return md;
  md += "\n| Severity | Rule | Location | Message |\n| --- | --- | --- | --- |\n";
  size_t rows = 0;
  for (const Diagnostic& d : diags) {
    if (rows++ == kSummaryRowLimit) {
      md += fmt::format("\n{} more not shown; see the job log.\n", diags.size() - kSummaryRowLimit);
      break;
    }
    std::string where = render::report_path(d, in.root_dir);
    if (d.source) {
      render::LineCol at = render::span_range(*d.source, d.span, ColumnUnit::kUtf16).start;
      where += fmt::format(":{}:{}", at.line, at.column);
    }
    std::string message = d.message;
    for (const std::string& note : d.notes) message += "\nnote: " + note;
    md += fmt::format("| {} | [{}]({}) | <code>{}</code> | {} |\n", severity_name(d.severity),
                      md_cell(d.code), rule_url(d.code),
                      md_cell(render::valid_utf8(where)),
                      md_cell(render::valid_utf8(message)));
  }
  return md;
}

bool append_github_step_summary(const std::string& path, const RenderInput& in,
                                std::string* error) {
  std::ofstream file(path, std::ios::app | std::ios::binary);
  if (file) file << github_step_summary(in) << '\n';
  if (!file) {
    if (error) *error = path + ": cannot append the GitHub job summary";
    return false;
  }
  return true;
}

void render_github(std::ostream& out, const RenderInput& in) {
  render_github_annotations(out, in);
  const char* summary = std::getenv("GITHUB_STEP_SUMMARY");
  if (summary && *summary) {
    std::string error;
    if (!append_github_step_summary(summary, in, &error)) {
      // Not fatal: the annotations were written; say why the summary is missing.
      out << "::warning title=dockml::" << github_escape_data(error) << '\n';
    }
  }
}

}  // namespace dockml
