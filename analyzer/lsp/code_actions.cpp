#include "analyzer/lsp/code_actions.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "analyzer/fix/apply.h"
#include "analyzer/fix/fix_loop.h"
#include "analyzer/lsp/convert.h"

namespace dockml::lsp {

using nlohmann::json;

namespace {

bool overlaps_or_touches(Span a, Span b) { return a.begin <= b.end && b.begin <= a.end; }

// Parses "<ws># <ws>dockml <ws>ignore<ws>=<ws>LIST..." and returns the LIST's span in the
// line (byte offsets relative to the line), or nullopt.
std::optional<std::pair<size_t, size_t>> pragma_list(std::string_view line) {
  size_t i = 0;
  auto skip_ws = [&] { while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i; };
  auto word = [&](std::string_view w) {
    if (line.size() - i < w.size()) return false;
    for (size_t k = 0; k < w.size(); ++k) {
      if (std::tolower(static_cast<unsigned char>(line[i + k])) != w[k]) return false;
    }
    i += w.size();
    return true;
  };
  skip_ws();
  if (!word("#")) return std::nullopt;
  skip_ws();
  if (!word("dockml")) return std::nullopt;
  skip_ws();
  if (!word("ignore")) return std::nullopt;
  skip_ws();
  if (!word("=")) return std::nullopt;
  skip_ws();
  size_t start = i;
  while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
  if (i == start) return std::nullopt;
  return std::make_pair(start, i);
}

json workspace_edit(const std::string& uri, json edits) {
  return json{{"changes", {{uri, std::move(edits)}}}};
}

bool is_utf8_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

bool kind_requested(std::string_view kind, const std::vector<std::string>& only) {
  if (only.empty()) return true;
  for (const std::string& o : only) {
    if (kind == o || (kind.size() > o.size() && kind.substr(0, o.size()) == o && kind[o.size()] == '.'))
      return true;
  }
  return false;
}

std::optional<Edit> ignore_edit(const SourceFile& file, const Diagnostic& d,
                                std::optional<uint32_t> instruction_line) {
  uint32_t line = instruction_line.value_or(file.position(d.span.begin).line);
  line = std::min(line, file.line_count() - 1);
  if (line > 0) {
    Span prev = file.line_span(line - 1);
    std::string_view prev_text = file.slice(prev);
    if (auto list = pragma_list(prev_text)) {
      std::string_view codes = prev_text.substr(list->first, list->second - list->first);
      size_t start = 0;
      while (start <= codes.size()) {
        size_t comma = std::min(codes.find(',', start), codes.size());
        if (codes.substr(start, comma - start) == d.code) return std::nullopt;
        start = comma + 1;
      }
      uint32_t at = prev.begin + static_cast<uint32_t>(list->second);
      return Edit{Span{at, at}, "," + d.code};
    }
  }
  std::string_view text = file.line_text(line);
  size_t indent = 0;
  while (indent < text.size() && (text[indent] == ' ' || text[indent] == '\t')) ++indent;
  uint32_t at = file.line_start(line);
  std::string insert = std::string(text.substr(0, indent)) + "# dockml ignore=" + d.code +
                       (file.crlf() ? "\r\n" : "\n");
  return Edit{Span{at, at}, std::move(insert)};
}

AppliedFixes apply_safe_fixes(const SourceFile& file, const std::vector<Diagnostic>& diagnostics) {
  FixSelection sel = select_fixes(file, diagnostics, /*unsafe=*/false);
  return AppliedFixes{apply_edits(file.text(), sel.edits).text, sel.applied.size()};
}

std::optional<std::string> fix_all_text(
    const SourcePtr& source, const std::vector<Diagnostic>& first_diagnostics,
    const std::function<std::vector<Diagnostic>(const SourcePtr&)>& relint, int max_rounds) {
  FixLoopOptions options;
  options.max_rounds = max_rounds;
  FixLoopResult fixed = run_fix_loop(source, first_diagnostics, relint, options);
  if (!fixed.changed) return std::nullopt;
  return std::move(fixed.text);
}

Edit minimal_edit(std::string_view before, std::string_view after) {
  size_t prefix = 0;
  size_t limit = std::min(before.size(), after.size());
  while (prefix < limit && before[prefix] == after[prefix]) ++prefix;
  while (prefix > 0 && prefix < before.size() && is_utf8_continuation(before[prefix])) --prefix;
  size_t suffix = 0;
  while (suffix < limit - prefix &&
         before[before.size() - 1 - suffix] == after[after.size() - 1 - suffix]) {
    ++suffix;
  }
  while (suffix > 0 && is_utf8_continuation(before[before.size() - suffix])) --suffix;
  Edit e;
  e.span = Span{static_cast<uint32_t>(prefix), static_cast<uint32_t>(before.size() - suffix)};
  e.text = std::string(after.substr(prefix, after.size() - suffix - prefix));
  return e;
}

json code_actions(const CodeActionInput& in, Span range, const std::vector<std::string>& only,
                  const std::function<std::optional<json>()>& fix_all_edit) {
  json actions = json::array();
  const Document& doc = *in.doc;
  const SourceFile& file = *doc.source;
  bool any_safe_fix = false;
  std::set<std::pair<uint32_t, std::string>> ignored;  // (line, code) already offered
  for (const Diagnostic& d : *in.diagnostics) {
    if (d.fix && d.fix->applicability == Applicability::kSafe && !d.fix->edits.empty())
      any_safe_fix = true;
    if (!kind_requested("quickfix", only)) continue;
    if (d.source && d.source->path() != file.path()) continue;
    if (!overlaps_or_touches(d.span, range)) continue;
    json diag = diagnostic_json(d, in.encoding, doc.uri, doc.path, in.threshold);
    if (d.fix && !d.fix->edits.empty()) {
      const Fix& fix = *d.fix;
      json action{{"title", fix.title},
                  {"kind", "quickfix"},
                  {"diagnostics", json::array({diag})},
                  {"edit", workspace_edit(doc.uri, text_edits_json(file, fix.edits, in.encoding))}};
      if (fix.applicability == Applicability::kSafe) {
        action["isPreferred"] = true;
        actions.push_back(std::move(action));
      } else if (fix.applicability == Applicability::kUnsafe) {
        action["title"] = fix.title + " (unsafe fix)";
        actions.push_back(std::move(action));
      } else if (in.disabled_support) {
        action.erase("edit");
        action["disabled"] = json{{"reason", "display-only fix: review it and edit by hand"}};
        actions.push_back(std::move(action));
      }
    }
    std::optional<uint32_t> line;
    if (in.instruction_line) line = in.instruction_line(d.span.begin);
    uint32_t key_line = line.value_or(file.position(d.span.begin).line);
    if (!ignored.insert({key_line, d.code}).second) continue;
    if (auto edit = ignore_edit(file, d, line)) {
      actions.push_back(json{
          {"title", "Ignore " + d.code + " for this line"},
          {"kind", "quickfix"},
          {"diagnostics", json::array({diag})},
          {"edit", workspace_edit(doc.uri, text_edits_json(file, {*edit}, in.encoding))}});
    }
  }
  if (any_safe_fix && kind_requested(kFixAllKind, only) && fix_all_edit) {
    if (auto edit = fix_all_edit()) {
      actions.push_back(json{{"title", "dockml: Fix all safe problems"},
                             {"kind", std::string(kFixAllKind)},
                             {"edit", std::move(*edit)}});
    }
  }
  return actions;
}

}  // namespace dockml::lsp
