// GitLab Code Quality report (docs.gitlab.com, "Code Quality report format"): a JSON array of
//   {type, check_name, description, fingerprint, severity, location{path, lines{begin,end}}}.
// Severity: error -> critical, warning -> major, info -> minor, style -> info.
// The fingerprint is unique per finding and stable across unrelated edits: it hashes the code,
// the path, the text of the diagnostic's line (not its number) and its occurrence index.
#include <nlohmann/json.hpp>

#include "analyzer/render/render.h"
#include "analyzer/render/render_util.h"

namespace dockml {

namespace {

std::string_view gitlab_severity(Severity s) {
  switch (s) {
    case Severity::kError: return "critical";
    case Severity::kWarning: return "major";
    case Severity::kInfo: return "minor";
    case Severity::kStyle: return "info";
  }
  return "major";
}

}  // namespace

void render_gitlab(std::ostream& out, const RenderInput& in) {
  using Json = nlohmann::ordered_json;
  const std::vector<Diagnostic>& diags = render::diagnostics_of(in);
  std::vector<std::string> prints = render::fingerprints(diags, in.root_dir);
  Json report = Json::array();
  for (size_t i = 0; i < diags.size(); ++i) {
    const Diagnostic& d = diags[i];
    uint32_t begin = 1, end = 1;
    if (d.source) {
      render::Range r = render::span_range(*d.source, d.span, render::ColumnUnit::kUtf8Bytes);
      begin = r.start.line;
      end = r.end.line;
    }
    std::string description = d.message;
    for (const std::string& note : d.notes) description += "\nnote: " + note;
    Json issue;
    issue["type"] = "issue";
    issue["check_name"] = d.code;
    issue["description"] = render::valid_utf8(description);
    issue["fingerprint"] = render::fnv1a_hex("gitlab:" + prints[i]);
    issue["severity"] = gitlab_severity(d.severity);
    issue["location"] = {{"path", render::valid_utf8(render::report_path(d, in.root_dir))},
                         {"lines", {{"begin", begin}, {"end", end}}}};
    report.push_back(std::move(issue));
  }
  out << report.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

}  // namespace dockml
