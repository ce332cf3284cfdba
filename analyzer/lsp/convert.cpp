#include "analyzer/lsp/convert.h"

#include "analyzer/engine/rule.h"
#include "analyzer/lsp/uri.h"
#include "analyzer/render/render.h"

namespace dockml::lsp {

using nlohmann::json;

// Objects are built member by member: nlohmann's initializer-list constructor copies every
// nested value again, which made diagnostics the costliest part of a re-lint.
json position_json(LspPosition p) {
  json out(json::value_t::object);
  out["line"] = p.line;
  out["character"] = p.character;
  return out;
}

json range_json(LspRange r) {
  json out(json::value_t::object);
  out["start"] = position_json(r.start);
  out["end"] = position_json(r.end);
  return out;
}

std::optional<LspPosition> parse_position(const json& j) {
  if (!j.is_object()) return std::nullopt;
  auto line = j.find("line");
  auto ch = j.find("character");
  if (line == j.end() || ch == j.end() || !line->is_number_integer() || !ch->is_number_integer())
    return std::nullopt;
  int64_t l = line->get<int64_t>(), c = ch->get<int64_t>();
  if (l < 0 || c < 0 || l > UINT32_MAX || c > UINT32_MAX) return std::nullopt;
  return LspPosition{static_cast<uint32_t>(l), static_cast<uint32_t>(c)};
}

std::optional<LspRange> parse_range(const json& j) {
  if (!j.is_object() || !j.contains("start") || !j.contains("end")) return std::nullopt;
  auto s = parse_position(j["start"]);
  auto e = parse_position(j["end"]);
  if (!s || !e) return std::nullopt;
  return LspRange{*s, *e};
}

int lsp_severity(Severity s, std::optional<Severity> threshold) {
  if (threshold && static_cast<int>(s) > static_cast<int>(*threshold)) return 4;
  switch (s) {
    case Severity::kError: return 1;
    case Severity::kWarning: return 2;
    case Severity::kInfo: return 3;
    case Severity::kStyle: return 4;
  }
  return 2;
}

json diagnostic_json(const Diagnostic& d, PositionEncoding enc, const std::string& doc_uri,
                     const std::string& doc_path, std::optional<Severity> threshold) {
  json out;
  if (d.source) {
    out["range"] = range_json(to_range(*d.source, d.span, enc));
  } else {
    out["range"] = range_json(LspRange{});
  }
  out["severity"] = lsp_severity(d.severity, threshold);
  out["code"] = d.code;
  out["codeDescription"]["href"] = rule_url(d.code);
  out["source"] = "dockml";
  std::string message = d.message;
  for (const std::string& note : d.notes) message += "\n" + note;
  out["message"] = message;
  if (!d.labels.empty()) {
    json related = json::array();
    for (const Label& label : d.labels) {
      const SourcePtr& src = label.source ? label.source : d.source;
      if (!src) continue;
      json& item = related.emplace_back(json::value_t::object);
      json& location = item["location"];
      location["uri"] = src->path() == doc_path ? doc_uri : path_to_uri(src->path());
      location["range"] = range_json(to_range(*src, label.span, enc));
      item["message"] = label.message;
    }
    out["relatedInformation"] = std::move(related);
  }
  if (const RuleEntry* rule = find_rule(d.code); rule && rule->meta->tag != RuleTag::kNone) {
    out["tags"] = json::array({rule->meta->tag == RuleTag::kUnnecessary ? 1 : 2});
  }
  return out;
}

json text_edits_json(const SourceFile& file, const std::vector<Edit>& edits, PositionEncoding enc) {
  json out = json::array();
  for (const Edit& e : edits) {
    json& edit = out.emplace_back(json::value_t::object);
    edit["range"] = range_json(to_range(file, e.span, enc));
    edit["newText"] = e.text;
  }
  return out;
}

}  // namespace dockml::lsp
