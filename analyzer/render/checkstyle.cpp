// Checkstyle XML (the de-facto format read by reviewdog -f=checkstyle, Jenkins and others):
//   <checkstyle version="4.3"><file name="Dockerfile">
//     <error line="3" column="1" severity="warning" message="..." source="dockml.DL3008"/>
// Columns are 1-based characters (code points). Severities: error, warning, info (style
// findings are info). Attribute values escape & < > " ' and line breaks/tabs as character
// references; other control characters and invalid UTF-8 become U+FFFD.
#include <string>
#include <unordered_map>
#include <vector>

#include <fmt/core.h>

#include "analyzer/render/render.h"
#include "analyzer/render/render_util.h"

namespace dockml {

namespace {

std::string xml_attr(std::string_view raw) {
  std::string text = render::valid_utf8(raw);
  std::string out;
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      case '\n': out += "&#10;"; break;
      case '\r': out += "&#13;"; break;
      case '\t': out += "&#9;"; break;
      default:
        if (c < 0x20) {
          out += "\xEF\xBF\xBD";  // not allowed in XML 1.0
        } else {
          out.push_back(ch);
        }
    }
  }
  return out;
}

std::string_view checkstyle_severity(Severity s) {
  switch (s) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kInfo:
    case Severity::kStyle: return "info";
  }
  return "warning";
}

}  // namespace

void render_checkstyle(std::ostream& out, const RenderInput& in) {
  // Files in order of first appearance, each with its diagnostics.
  std::vector<std::pair<std::string, std::vector<const Diagnostic*>>> files;
  std::unordered_map<std::string, size_t> index;
  for (const Diagnostic& d : render::diagnostics_of(in)) {
    std::string path = render::report_path(d, in.root_dir);
    auto [it, added] = index.emplace(path, files.size());
    if (added) files.emplace_back(path, std::vector<const Diagnostic*>{});
    files[it->second].second.push_back(&d);
  }
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n";
  for (const auto& [path, diags] : files) {
    out << "  <file name=\"" << xml_attr(path) << "\">\n";
    for (const Diagnostic* d : diags) {
      uint32_t line = 1, column = 1;
      if (d->source) {
        render::Range r = render::span_range(*d->source, d->span, render::ColumnUnit::kCodePoints);
        line = r.start.line;
        column = r.start.column;
      }
      std::string message = d->message;
      for (const std::string& note : d->notes) message += "\nnote: " + note;
      out << fmt::format(
          "    <error line=\"{}\" column=\"{}\" severity=\"{}\" message=\"{}\" "
          "source=\"dockml.{}\"/>\n",
          line, column, checkstyle_severity(d->severity), xml_attr(message), xml_attr(d->code));
    }
    out << "  </file>\n";
  }
  out << "</checkstyle>\n";
}

}  // namespace dockml
