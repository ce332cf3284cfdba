// JSON output (DESIGN.md contract): an array of diagnostics with 1-based positions in
// code points (location.h), exclusive end columns, the rule URL and the fix.
#include <nlohmann/json.hpp>

#include "analyzer/render/json_diagnostic.h"
#include "analyzer/render/location.h"
#include "analyzer/render/render.h"

namespace dockml {

namespace {

void put_location(nlohmann::ordered_json& j, const Location& loc) {
  j["line"] = loc.line;
  j["column"] = loc.column;
  j["end_line"] = loc.end_line;
  j["end_column"] = loc.end_column;
}

}  // namespace

nlohmann::ordered_json diagnostic_json(const Diagnostic& d) {
  nlohmann::ordered_json j;
  j["code"] = d.code;
  j["severity"] = std::string(severity_name(d.severity));
  j["message"] = d.message;
  if (d.source) {
    j["file"] = display_path(*d.source);
    put_location(j, char_location(*d.source, d.span));
  } else {
    j["file"] = nullptr;
    j["line"] = j["column"] = j["end_line"] = j["end_column"] = 1;
  }
  j["url"] = rule_url(d.code);
  if (d.fix && d.source) {
    nlohmann::ordered_json fix;
    fix["applicability"] = std::string(applicability_name(d.fix->applicability));
    fix["title"] = d.fix->title;
    fix["edits"] = nlohmann::ordered_json::array();
    for (const Edit& e : d.fix->edits) {
      nlohmann::ordered_json edit;
      put_location(edit, char_edit_location(*d.source, e.span));
      edit["text"] = e.text;
      fix["edits"].push_back(std::move(edit));
    }
    j["fix"] = std::move(fix);
  } else {
    j["fix"] = nullptr;
  }
  j["notes"] = d.notes;
  nlohmann::ordered_json labels = nlohmann::ordered_json::array();
  for (const Label& l : d.labels) {
    const SourcePtr& src = l.source ? l.source : d.source;
    if (!src) continue;
    nlohmann::ordered_json label;
    label["file"] = display_path(*src);
    put_location(label, char_location(*src, l.span));
    label["message"] = l.message;
    labels.push_back(std::move(label));
  }
  j["labels"] = std::move(labels);
  return j;
}

void render_json(std::ostream& out, const RenderInput& in) {
  // Streamed one diagnostic at a time (the same text as dumping one array with indent 2):
  // a document for every diagnostic of a large run at once cost ~100 MB on the corpus.
  if (!in.diagnostics || in.diagnostics->empty()) {
    out << "[]\n";
    return;
  }
  out << "[\n";
  bool first = true;
  for (const Diagnostic& d : *in.diagnostics) {
    // Invalid UTF-8 in messages or fix texts is replaced rather than throwing.
    // Indented by two more spaces and written in one call: character by character, the
    // writes to std::cout cost a fifth of a whole-corpus run.
    std::string text = diagnostic_json(d).dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    std::string chunk(first ? "  " : ",\n  ");
    first = false;
    chunk.reserve(chunk.size() + text.size() + text.size() / 8);
    size_t from = 0;
    for (size_t nl = text.find('\n'); nl != std::string::npos; nl = text.find('\n', from)) {
      chunk.append(text, from, nl + 1 - from);
      chunk += "  ";
      from = nl + 1;
    }
    chunk.append(text, from, std::string::npos);
    out.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
  }
  out << "\n]\n";
}

}  // namespace dockml
