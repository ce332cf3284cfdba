// reviewdog diagnostic format (rdjson; reviewdog/reviewdog proto/rdf/reviewdog.proto):
//   {source{name,url}, diagnostics[{message, location{path, range{start,end}}, severity,
//    code{value,url}, suggestions[{range, text}]}]}
// Lines and columns are 1-based, columns count UTF-8 bytes, ends are exclusive. Safe and
// unsafe fixes become suggestions (one per edit: an empty range inserts, empty text deletes);
// display-only fixes are not suggested because they are not meant to be applied as is.
#include <nlohmann/json.hpp>

#include "analyzer/render/render.h"
#include "analyzer/render/render_util.h"

namespace dockml {

namespace {

using Json = nlohmann::ordered_json;

std::string_view rd_severity(Severity s) {
  switch (s) {
    case Severity::kError: return "ERROR";
    case Severity::kWarning: return "WARNING";
    case Severity::kInfo:
    case Severity::kStyle: return "INFO";
  }
  return "WARNING";
}

Json rd_range(const render::Range& r) {
  return Json{{"start", {{"line", r.start.line}, {"column", r.start.column}}},
              {"end", {{"line", r.end.line}, {"column", r.end.column}}}};
}

}  // namespace

void render_rdjson(std::ostream& out, const RenderInput& in) {
  Json diagnostics = Json::array();
  for (const Diagnostic& d : render::diagnostics_of(in)) {
    std::string message = d.message;
    for (const std::string& note : d.notes) message += "\nnote: " + note;
    Json item;
    item["message"] = render::valid_utf8(message);
    Json location{{"path", render::valid_utf8(render::report_path(d, in.root_dir))}};
    if (d.source) {
      location["range"] =
          rd_range(render::span_range(*d.source, d.span, render::ColumnUnit::kUtf8Bytes));
    }
    item["location"] = std::move(location);
    item["severity"] = rd_severity(d.severity);
    item["code"] = {{"value", d.code}, {"url", rule_url(d.code)}};
    if (d.fix && d.source && d.fix->applicability != Applicability::kDisplay) {
      Json suggestions = Json::array();
      for (const Edit& e : d.fix->edits) {
        suggestions.push_back(
            {{"range", rd_range(render::edit_range(*d.source, e.span,
                                                   render::ColumnUnit::kUtf8Bytes))},
             {"text", render::valid_utf8(e.text)}});
      }
      if (!suggestions.empty()) item["suggestions"] = std::move(suggestions);
    }
    diagnostics.push_back(std::move(item));
  }
  Json result;
  result["source"] = {{"name", "dockml"}, {"url", std::string(render::kProjectUrl)}};
  result["diagnostics"] = std::move(diagnostics);
  out << result.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

}  // namespace dockml
