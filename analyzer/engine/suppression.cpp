#include "analyzer/engine/suppression.h"

#include <algorithm>
#include <optional>
#include <string_view>

#include <fmt/format.h>

#include "analyzer/engine/rule.h"
#include "analyzer/engine/selection.h"
#include "analyzer/engine/twins.h"

namespace dockml {

namespace {

constexpr std::string_view kUnusedCode = "DF002";

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
char upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

bool iequal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }
bool is_code_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

bool is_bk(std::string_view code) { return code.size() == 5 && code.substr(0, 2) == "BK"; }

// A cursor over one comment's text with the source offset of its first byte.
struct Cursor {
  std::string_view text;
  uint32_t base;  // source offset of text[0]
  size_t pos = 0;

  void skip_spaces() {
    while (pos < text.size() && is_space(text[pos])) ++pos;
  }
  bool done() const { return pos >= text.size(); }
  // Consumes `word` (case-insensitive) when it is followed by a non-word character.
  bool word(std::string_view w) {
    if (text.size() - pos < w.size() || !iequal(text.substr(pos, w.size()), w)) return false;
    size_t after = pos + w.size();
    if (after < text.size() && (is_code_char(text[after]))) return false;
    pos = after;
    return true;
  }
  bool literal(char c) {
    if (pos < text.size() && text[pos] == c) {
      ++pos;
      return true;
    }
    return false;
  }
  Span span(size_t b, size_t e) const {
    return Span{base + static_cast<uint32_t>(b), base + static_cast<uint32_t>(e)};
  }
};

SuppressedCode make_code(std::string_view written, Span span) {
  SuppressedCode c;
  c.span = span;
  for (const RuleEntry& e : rule_registry()) {
    if (iequal(e.meta->code, written) || (!e.meta->alias.empty() && iequal(e.meta->alias, written))) {
      c.code = std::string(e.meta->code);
      return c;
    }
  }
  c.code = std::string(written);
  bool sc = written.size() >= 3 && upper(written[0]) == 'S' && upper(written[1]) == 'C' &&
            std::all_of(written.begin() + 2, written.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
  if (sc) {
    for (char& ch : c.code) ch = upper(ch);
  }
  c.known = sc;
  return c;
}

// A comma-separated list of codes (spaces allowed around commas). `all_ok`: `all` may appear.
void read_codes(Cursor& c, Suppression& out, bool all_ok) {
  for (;;) {
    c.skip_spaces();
    size_t b = c.pos;
    while (c.pos < c.text.size() && is_code_char(c.text[c.pos])) ++c.pos;
    if (c.pos > b) {
      std::string_view token = c.text.substr(b, c.pos - b);
      if (all_ok && iequal(token, "all")) {
        out.all_bk = true;
        out.all_span = c.span(b, c.pos);
      } else {
        out.codes.push_back(make_code(token, c.span(b, c.pos)));
      }
    }
    size_t save = c.pos;
    c.skip_spaces();
    if (!c.literal(',')) {
      c.pos = save;
      break;
    }
  }
}

// `skip=A,B;error=true;experimental=...`: fills `out` and `bk_errors`.
void read_check_value(Cursor& c, Suppression& out, bool* bk_errors) {
  for (;;) {
    c.skip_spaces();
    if (c.word("skip")) {
      c.skip_spaces();
      if (!c.literal('=')) return;
      read_codes(c, out, /*all_ok=*/true);
    } else if (c.word("error")) {
      c.skip_spaces();
      if (!c.literal('=')) return;
      c.skip_spaces();
      if (c.word("true") && bk_errors) *bk_errors = true;
    } else {
      while (c.pos < c.text.size() && c.text[c.pos] != ';') ++c.pos;  // experimental=..., unknown
    }
    c.skip_spaces();
    if (!c.literal(';')) return;
  }
}

std::string read_reason(Cursor& c) {
  c.skip_spaces();
  if (!c.word("reason")) return {};
  c.skip_spaces();
  if (!c.literal('=')) return {};
  c.skip_spaces();
  std::string_view rest = c.text.substr(c.pos);
  while (!rest.empty() && is_space(rest.back())) rest.remove_suffix(1);
  if (rest.size() >= 2 && (rest.front() == '"' || rest.front() == '\'') && rest.back() == rest.front())
    rest = rest.substr(1, rest.size() - 2);
  return std::string(rest);
}

struct Parsed {
  std::optional<Suppression> suppression;
  bool stage_if_from = false;  // `# check=skip=` comments: a stage when above a FROM
  std::optional<MalformedPragma> malformed;
};

Parsed parse_comment(const Comment& comment) {
  Parsed p;
  Cursor c{comment.text, comment.span.begin + 1};
  c.skip_spaces();
  Suppression s;
  s.comment = comment.span;
  bool dockml = c.word("dockml");
  if (dockml || c.word("hadolint")) {
    c.skip_spaces();
    if (c.word("global")) s.scope = SuppressionScope::kFile;
    else if (c.word("stage")) s.scope = SuppressionScope::kStage;
    c.skip_spaces();
    size_t at = c.pos;
    if (!c.word("ignore") || (c.skip_spaces(), !c.literal('='))) {
      c.pos = at;
      // hadolint has other pragmas (`# hadolint shell=pwsh`); a `# dockml` comment that is
      // not a suppression is reported, since it silences nothing.
      if (dockml)
        p.malformed = MalformedPragma{comment.span,
                                      "this `# dockml` comment is not a suppression: expected "
                                      "`# dockml [global|stage] ignore=CODE[,CODE] [reason=...]`"};
      return p;
    }
    read_codes(c, s, /*all_ok=*/false);
    if (dockml) s.reason = read_reason(c);
    p.suppression = std::move(s);
    return p;
  }
  if (c.word("check")) {
    c.skip_spaces();
    if (!c.literal('=')) return p;
    read_check_value(c, s, nullptr);
    if (s.codes.empty() && !s.all_bk) return p;
    p.stage_if_from = true;
    p.suppression = std::move(s);
  }
  return p;
}

// Index of the first top-level instruction starting at or after `offset`, or npos.
size_t next_instruction(const Dockerfile& df, uint32_t offset) {
  for (size_t i = 0; i < df.instructions.size(); ++i)
    if (df.instructions[i].span.begin >= offset) return i;
  return std::string::npos;
}

// Index of the instruction whose span holds `offset` (a comment on a continuation line).
size_t enclosing_instruction(const Dockerfile& df, uint32_t offset) {
  for (size_t i = 0; i < df.instructions.size(); ++i) {
    const Instruction& inst = df.instructions[i];
    if (inst.span.begin < offset && offset < inst.span.end) return i;
    if (inst.span.begin > offset) break;
  }
  return std::string::npos;
}

Span lines_of(const Dockerfile& df, const Instruction& inst) {
  return Span{df.source->line_start(inst.start_line), inst.span.end};
}

Span stage_of(const Dockerfile& df, size_t index) {
  size_t from = std::string::npos;
  for (size_t i = 0; i <= index; ++i)
    if (df.instructions[i].kind == InstructionKind::kFrom) from = i;
  uint32_t begin = from == std::string::npos ? 0 : df.source->line_start(df.instructions[from].start_line);
  uint32_t end = df.source->size();
  for (size_t i = index + 1; i < df.instructions.size(); ++i) {
    if (df.instructions[i].kind == InstructionKind::kFrom) {
      end = df.source->line_start(df.instructions[i].start_line);
      break;
    }
  }
  return Span{begin, end};
}

// The offset in `df` that decides whether `d` is covered, or nullopt (other file, no label).
std::optional<uint32_t> anchor_of(const Diagnostic& d, const Dockerfile& df) {
  if (d.source == df.source) return d.span.begin;
  for (const Label& l : d.labels)
    if (l.source == df.source) return l.span.begin;
  return std::nullopt;
}

bool covers(const Suppression& s, std::optional<uint32_t> at) {
  if (s.scope == SuppressionScope::kFile) return true;
  if (!at || s.covers.empty()) return false;
  return *at >= s.covers.begin && *at <= s.covers.end;
}

bool code_matches(std::string_view suppressed, std::string_view code) {
  return suppressed == code || are_twins(suppressed, code);
}

bool all_matches(std::string_view code) {
  if (is_bk(code)) return true;
  for (const RuleTwin& t : rule_twins())
    if (t.dl == code && !t.bk_owns) return true;  // a BuildKit twin (not an ML owner pair)
  return false;
}

std::string_view scope_words(SuppressionScope scope) {
  switch (scope) {
    case SuppressionScope::kInstruction: return "on the instruction it applies to";
    case SuppressionScope::kStage: return "in the stage it applies to";
    case SuppressionScope::kFile: return "in this file";
  }
  return "";
}

}  // namespace

InlineSuppressions parse_inline_suppressions(const Dockerfile& df) {
  InlineSuppressions out;
  if (!df.source) return out;
  for (const Directive& d : df.directives) {
    if (d.key != "check") continue;
    Suppression s;
    s.scope = SuppressionScope::kFile;
    s.comment = d.span;
    Cursor c{df.source->slice(d.value_span), d.value_span.begin};
    read_check_value(c, s, &out.bk_errors);
    if (!s.codes.empty() || s.all_bk) out.items.push_back(std::move(s));
  }
  for (const Comment& comment : df.comments) {
    Parsed p = parse_comment(comment);
    if (p.malformed) out.malformed.push_back(*p.malformed);
    if (!p.suppression) continue;
    Suppression s = std::move(*p.suppression);
    if (s.scope != SuppressionScope::kFile) {
      size_t i = enclosing_instruction(df, comment.span.begin);
      if (i == std::string::npos) i = next_instruction(df, comment.span.end);
      if (i != std::string::npos) {
        const Instruction& inst = df.instructions[i];
        if (p.stage_if_from && inst.kind == InstructionKind::kFrom && inst.span.begin > comment.span.begin)
          s.scope = SuppressionScope::kStage;
        s.covers = s.scope == SuppressionScope::kStage ? stage_of(df, i) : lines_of(df, inst);
      }
    }
    out.items.push_back(std::move(s));
  }
  return out;
}

void apply_suppressions(InlineSuppressions& s, const Dockerfile& df, std::vector<Diagnostic>& diags) {
  if (s.items.empty()) return;
  std::erase_if(diags, [&](const Diagnostic& d) {
    std::optional<uint32_t> at = anchor_of(d, df);
    bool suppressed = false;
    for (Suppression& item : s.items) {
      if (!covers(item, at)) continue;
      for (SuppressedCode& c : item.codes) {
        if (code_matches(c.code, d.code)) {
          c.used = true;
          suppressed = true;
        }
      }
      if (item.all_bk && all_matches(d.code)) {
        item.all_used = true;
        suppressed = true;
      }
    }
    return suppressed;
  });
}

void apply_inline_suppressions(const Dockerfile& df, const LintOptions& options,
                               std::vector<Diagnostic>& diags) {
  if (!df.source) return;
  InlineSuppressions s = parse_inline_suppressions(df);
  if (!options.inline_suppressions) {
    s.items.clear();
    s.malformed.clear();
  }
  apply_suppressions(s, df, diags);
  if (s.bk_errors) {
    for (Diagnostic& d : diags)
      if (is_bk(d.code)) d.severity = Severity::kError;
  }

  const RuleEntry* df002 = find_rule(kUnusedCode);
  RuleSelection selection(options);
  if (!df002 || !selection.rule_enabled(*df002->meta)) return;
  auto rule_ran = [&](std::string_view code) {
    const RuleEntry* e = find_rule(code);
    return e && selection.rule_enabled(*e->meta);
  };
  // A DF002 finding may itself be suppressed by a suppression that lists DF002.
  auto silenced = [&](uint32_t at) {
    for (const Suppression& item : s.items) {
      if (!covers(item, at)) continue;
      for (const SuppressedCode& c : item.codes)
        if (c.code == kUnusedCode) return true;
    }
    return false;
  };
  std::vector<Diagnostic> found;
  Reporter out(*df002->meta, df.source, found);
  for (const MalformedPragma& m : s.malformed) out.report(m.span, m.message);
  for (const Suppression& item : s.items) {
    bool nothing_follows = item.scope != SuppressionScope::kFile && item.covers.empty();
    for (const SuppressedCode& c : item.codes) {
      if (c.code == kUnusedCode) continue;
      if (!c.known) {
        out.report(c.span, fmt::format("`{}` is not a rule code or BuildKit check name: this "
                                       "suppression has no effect",
                                       df.source->slice(c.span)));
      } else if (!c.used && rule_ran(c.code)) {
        out.report(c.span, nothing_follows
                               ? fmt::format("unused suppression of {}: no instruction follows it", c.code)
                               : fmt::format("unused suppression of {}: no {} diagnostic {}", c.code,
                                             c.code, scope_words(item.scope)));
      }
    }
    if (item.all_bk && !item.all_used) {
      bool any_bk = false;
      for (const RuleEntry& e : rule_registry()) any_bk |= is_bk(e.meta->code) && selection.rule_enabled(*e.meta);
      if (any_bk)
        out.report(item.all_span, fmt::format("unused suppression of all BuildKit checks: no BK "
                                              "diagnostic {}", scope_words(item.scope)));
    }
  }
  for (Diagnostic& d : found)
    if (!silenced(d.span.begin)) diags.push_back(std::move(d));
}

}  // namespace dockml
