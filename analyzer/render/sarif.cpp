// SARIF 2.1.0 for GitHub code scanning (and any SARIF viewer).
//
// Shape: one run; tool.driver carries only the rules that ran (plus any rule that reported
// without being listed), each with short/full description, help text and markdown from the
// rule's doc, helpUri, default level and properties (tags, precision, security-severity for
// security rules). Results carry ruleId/ruleIndex, level, message, an exact region
// (columnKind utf16CodeUnits, 1-based, end exclusive), partialFingerprints, relatedLocations
// for labels and fixes for diagnostics with a fix. URIs are relative to %SRCROOT% (the render
// root); files outside it get absolute file: URIs.
#include <algorithm>
#include <deque>
#include <map>
#include <set>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "analyzer/render/render.h"
#include "analyzer/render/render_util.h"

namespace dockml {

namespace {

using Json = nlohmann::ordered_json;
using render::ColumnUnit;

// Region snippets longer than this are left out (the region still locates the text).
constexpr size_t kMaxSnippetBytes = 2000;

// Security rules and their CVSS-like score (GitHub: >= 9.0 critical, 7.0-8.9 high,
// 4.0-6.9 medium, 0.1-3.9 low). Only rules about secrets, privileges and unverified code get
// a score; everything else is a quality finding and carries none.
struct SecurityScore {
  std::string_view code;
  std::string_view score;
};
constexpr SecurityScore kSecurityScores[] = {
    {"BK016", "7.5"},  // SecretsUsedInArgOrEnv: secret baked into image metadata
    {"DL3002", "4.0"},  // last USER is root
    {"DL3004", "4.0"},  // sudo in RUN
    {"ML401", "8.0"},  // ML service credential or token literal in the build
    {"ML405", "5.0"},  // installer downloaded and executed without a checksum
};

std::string_view security_score(std::string_view code) {
  for (const SecurityScore& s : kSecurityScores) {
    if (s.code == code) return s.score;
  }
  return {};
}

std::string_view sarif_level(Severity s) {
  switch (s) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kInfo:
    case Severity::kStyle: return "note";
  }
  return "warning";
}

// "apt-get-pin-versions" -> "AptGetPinVersions" (SARIF's convention for rule names).
std::string pascal_case(std::string_view kebab) {
  std::string out;
  bool upper = true;
  for (char c : kebab) {
    if (c == '-' || c == '_' || c == ' ') {
      upper = true;
      continue;
    }
    out.push_back(upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
    upper = false;
  }
  return out;
}

std::vector<std::string> family_tags(std::string_view code) {
  auto starts = [&](std::string_view p) { return code.substr(0, p.size()) == p; };
  if (starts("DL")) return {"dockerfile", "hadolint"};
  if (starts("BK")) return {"dockerfile", "buildkit"};
  if (starts("ML1")) return {"dockerfile", "ml", "compatibility"};
  if (starts("ML2")) return {"dockerfile", "ml", "gpu-runtime"};
  if (starts("ML3")) return {"dockerfile", "ml", "image-size"};
  if (starts("ML4")) return {"dockerfile", "ml", "reproducibility"};
  if (starts("DF")) return {"dockerfile", "parse"};
  return {"dockerfile"};
}

// Cuts `s` to at most `max` bytes without splitting a UTF-8 sequence.
std::string truncate_utf8(std::string s, size_t max) {
  if (s.size() <= max) return s;
  size_t cut = max - 3;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  s.resize(cut);
  s += "...";
  return s;
}

// The first paragraph under "## What it does", or "" when there is none.
std::string what_it_does(std::string_view doc) {
  size_t at = doc.find("## What it does");
  if (at == std::string_view::npos) return {};
  size_t nl = doc.find('\n', at);
  if (nl == std::string_view::npos) return {};
  std::string_view rest = doc.substr(nl + 1);
  while (!rest.empty() && (rest.front() == '\n' || rest.front() == '\r')) rest.remove_prefix(1);
  size_t end = rest.find("\n\n");
  size_t heading = rest.find("\n#");
  end = std::min(end, heading);
  if (rest.substr(0, 1) == "#") return {};
  std::string para(rest.substr(0, end));
  for (char& c : para) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  while (!para.empty() && para.back() == ' ') para.pop_back();
  return para;
}

// Plain-text form of a Markdown doc: headings lose their '#', code fences disappear.
std::string doc_text(std::string_view doc) {
  std::string out;
  size_t pos = 0;
  while (pos <= doc.size()) {
    size_t nl = doc.find('\n', pos);
    std::string_view line = doc.substr(pos, nl == std::string_view::npos ? doc.npos : nl - pos);
    if (line.substr(0, 3) != "```") {
      if (!line.empty() && line.front() == '#') {
        while (!line.empty() && line.front() == '#') line.remove_prefix(1);
        if (!line.empty() && line.front() == ' ') line.remove_prefix(1);
      }
      out += line;
      out.push_back('\n');
    }
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

std::string or_default(std::string_view s, std::string fallback) {
  return s.empty() ? fallback : std::string(s);
}

Json rule_descriptor(const RuleMeta& m) {
  std::string code(m.code);
  std::string summary = or_default(m.summary, fmt::format("dockml rule {}.", code));
  std::string full = what_it_does(m.doc);
  if (full.empty()) full = summary;
  Json rule;
  rule["id"] = code;
  rule["name"] = pascal_case(or_default(m.alias.empty() ? m.name : m.alias, code));
  rule["shortDescription"] = {{"text", truncate_utf8(render::valid_utf8(summary), 1024)}};
  rule["fullDescription"] = {{"text", truncate_utf8(render::valid_utf8(full), 1024)}};
  std::string markdown = m.doc.empty() ? summary : std::string(m.doc);
  std::string text = m.doc.empty() ? summary : doc_text(m.doc);
  rule["help"] = {{"text", render::valid_utf8(text)}, {"markdown", render::valid_utf8(markdown)}};
  rule["helpUri"] = rule_url(m.code);
  rule["defaultConfiguration"] = {{"level", sarif_level(m.severity)}};
  Json props;
  std::vector<std::string> tags = family_tags(m.code);
  std::string_view score = security_score(m.code);
  if (!score.empty()) tags.push_back("security");
  props["tags"] = tags;
  props["precision"] = m.code.substr(0, 2) == "DF" ? "very-high" : "high";
  if (!score.empty()) props["security-severity"] = std::string(score);
  rule["properties"] = props;
  return rule;
}

class SarifWriter {
 public:
  explicit SarifWriter(const RenderInput& in)
      : in_(in), root_(render::absolute_root(in.root_dir)) {}

  Json artifact_location(const SourceFile* file) const {
    std::string path = file ? file->path() : std::string("<unknown>");
    std::string rel;
    if (render::relative_to_root(path, in_.root_dir, &rel)) {
      return Json{{"uri", render::percent_encode_path(rel)}, {"uriBaseId", "%SRCROOT%"}};
    }
    if (!path.empty() && path.front() == '/') {
      return Json{{"uri", "file://" + render::percent_encode_path(path)}};
    }
    return Json{{"uri", render::percent_encode_path(path)}, {"uriBaseId", "%SRCROOT%"}};
  }

  static Json region(const render::Range& r) {
    return Json{{"startLine", r.start.line},
                {"startColumn", r.start.column},
                {"endLine", r.end.line},
                {"endColumn", r.end.column}};
  }

  // `snippet`: also give the region's text (primary locations; skipped for long spans).
  Json physical(const SourceFile* file, Span span, bool snippet = false) const {
    Json loc{{"artifactLocation", artifact_location(file)}};
    if (file) {
      Json reg = region(render::span_range(*file, span, ColumnUnit::kUtf16));
      std::string_view text = file->slice(render::trimmed_span(*file, span));
      if (snippet && !text.empty() && text.size() <= kMaxSnippetBytes) {
        reg["snippet"] = {{"text", render::valid_utf8(text)}};
      }
      loc["region"] = std::move(reg);
    }
    return loc;
  }

  Json fix(const Diagnostic& d) const {
    const Fix& f = *d.fix;
    Json replacements = Json::array();
    for (const Edit& e : f.edits) {
      Json r{{"deletedRegion", region(render::edit_range(*d.source, e.span, ColumnUnit::kUtf16))}};
      if (!e.text.empty()) r["insertedContent"] = {{"text", render::valid_utf8(e.text)}};
      replacements.push_back(std::move(r));
    }
    std::string title = or_default(f.title, "Apply the suggested fix");
    Json out;
    out["description"] = {{"text", render::valid_utf8(title)}};
    out["artifactChanges"] = Json::array(
        {Json{{"artifactLocation", artifact_location(d.source.get())},
              {"replacements", std::move(replacements)}}});
    out["properties"] = {{"applicability", applicability_name(f.applicability)}};
    return out;
  }

  std::string message_text(const Diagnostic& d) const {
    std::string text = d.message.empty() ? d.code : d.message;
    for (const std::string& note : d.notes) text += "\n" + note;
    return render::valid_utf8(text);
  }

  Json result(const Diagnostic& d, int rule_index, const std::string& fingerprint) const {
    Json r;
    r["ruleId"] = d.code;
    if (rule_index >= 0) r["ruleIndex"] = rule_index;
    r["level"] = sarif_level(d.severity);
    r["message"] = {{"text", message_text(d)}};
    r["locations"] =
        Json::array({Json{{"physicalLocation", physical(d.source.get(), d.span, true)}}});
    r["partialFingerprints"] = {{"primaryLocationLineHash", fingerprint}};
    if (!d.labels.empty()) {
      Json related = Json::array();
      int id = 1;
      for (const Label& l : d.labels) {
        const SourceFile* file = l.source ? l.source.get() : d.source.get();
        Json loc{{"id", id++}, {"physicalLocation", physical(file, l.span)}};
        if (!l.message.empty()) loc["message"] = {{"text", render::valid_utf8(l.message)}};
        related.push_back(std::move(loc));
      }
      r["relatedLocations"] = std::move(related);
    }
    if (d.fix && d.source && !d.fix->edits.empty()) r["fixes"] = Json::array({fix(d)});
    return r;
  }

  Json run() {
    const std::vector<Diagnostic>& diags = render::diagnostics_of(in_);
    // Rules: those that ran, plus any code that reported without being listed.
    std::vector<const RuleMeta*> rules;
    std::set<std::string_view> listed;
    for (const RuleMeta* m : in_.rules_run) {
      if (m && listed.insert(m->code).second) rules.push_back(m);
    }
    for (const Diagnostic& d : diags) {
      if (listed.count(d.code)) continue;
      listed.insert(d.code);
      const RuleEntry* entry = find_rule(d.code);
      if (entry && entry->meta->code == d.code) {
        rules.push_back(entry->meta);
      } else {
        RuleMeta& synthetic = synthetic_.emplace_back();
        synthetic.code = d.code;
        synthetic.name = d.code;
        synthetic.severity = d.severity;
        synthetic.enabled_by_default = true;
        synthetic.fix = FixAvailability::kNone;
        rules.push_back(&synthetic);
      }
    }
    std::stable_sort(rules.begin(), rules.end(),
                     [](const RuleMeta* a, const RuleMeta* b) { return a->code < b->code; });
    rules.erase(std::unique(rules.begin(), rules.end(),
                            [](const RuleMeta* a, const RuleMeta* b) { return a->code == b->code; }),
                rules.end());
    std::map<std::string_view, int> index;
    Json rule_array = Json::array();
    for (const RuleMeta* m : rules) {
      index.emplace(m->code, static_cast<int>(rule_array.size()));
      rule_array.push_back(rule_descriptor(*m));
    }

    Json driver;
    driver["name"] = "dockml";
    driver["version"] = DOCKML_VERSION;
    driver["semanticVersion"] = DOCKML_VERSION;
    driver["informationUri"] = std::string(render::kProjectUrl);
    driver["rules"] = std::move(rule_array);

    Json run;
    run["tool"] = {{"driver", std::move(driver)}};
    run["originalUriBaseIds"] = {
        {"%SRCROOT%",
         {{"uri", "file://" + render::percent_encode_path(root_ == "/" ? root_ : root_ + "/")}}}};
    run["columnKind"] = "utf16CodeUnits";
    // The results are streamed by render_sarif (result_at), after this run's other members.
    run["results"] = Json::array();
    prints_ = render::fingerprints(diags, in_.root_dir);
    index_ = std::move(index);
    return run;
  }

  size_t result_count() const { return render::diagnostics_of(in_).size(); }

  // The SARIF result of the i-th diagnostic (after run()).
  Json result_at(size_t i) {
    const Diagnostic& d = render::diagnostics_of(in_)[i];
    auto it = index_.find(d.code);
    return result(d, it == index_.end() ? -1 : it->second, prints_[i]);
  }

 private:
  const RenderInput& in_;
  std::string root_;
  std::deque<RuleMeta> synthetic_;
  std::map<std::string_view, int> index_;  // rule code -> index in the driver's rules
  std::vector<std::string> prints_;        // fingerprint of each diagnostic
};

// `text` with every line after the first indented by `indent` more spaces.
std::string indented(const std::string& text, size_t indent) {
  std::string out;
  out.reserve(text.size() + text.size() / 4);
  size_t from = 0;
  for (size_t nl = text.find('\n'); nl != std::string::npos; nl = text.find('\n', from)) {
    out.append(text, from, nl + 1 - from);
    out.append(indent, ' ');
    from = nl + 1;
  }
  out.append(text, from, std::string::npos);
  return out;
}

}  // namespace

void render_sarif(std::ostream& out, const RenderInput& in) {
  SarifWriter writer(in);
  Json log;
  log["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  log["version"] = "2.1.0";
  log["runs"] = Json::array({writer.run()});
  // The log is written around its results, which are written one at a time (the same text as
  // dumping the whole log; one document for every result of a large run cost ~130 MB). The
  // results are the last member of the only run, so the empty array is the text's last "[]".
  std::string text = log.dump(2, ' ', false, Json::error_handler_t::replace);
  const std::string empty = "\"results\": []";
  size_t at = text.rfind(empty);
  if (writer.result_count() == 0 || at == std::string::npos) {
    out << text << '\n';
    return;
  }
  size_t open = at + empty.size() - 1;  // the ']' of "[]"
  out.write(text.data(), static_cast<std::streamsize>(open));
  constexpr size_t kResultIndent = 8;   // log > runs > run > results > result
  for (size_t i = 0; i < writer.result_count(); ++i) {
    std::string result = writer.result_at(i).dump(2, ' ', false, Json::error_handler_t::replace);
    std::string chunk(i == 0 ? "\n" : ",\n");
    chunk.append(kResultIndent, ' ');
    chunk += indented(result, kResultIndent);
    out.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
  }
  out << '\n' << std::string(kResultIndent - 2, ' ');
  out.write(text.data() + open, static_cast<std::streamsize>(text.size() - open));
  out << '\n';
}

}  // namespace dockml
