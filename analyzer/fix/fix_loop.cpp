#include "analyzer/fix/fix_loop.h"

#include <algorithm>
#include <cstdint>
#include <set>

#include <fmt/format.h>

#include "analyzer/fix/apply.h"

namespace dockml {

namespace {

bool overlaps_or_touches(Span a, Span b) { return a.begin <= b.end && b.begin <= a.end; }

uint32_t first_begin(const Fix& f) {
  uint32_t b = UINT32_MAX;
  for (const Edit& e : f.edits) b = std::min(b, e.span.begin);
  return b;
}

size_t parse_errors(const std::vector<Diagnostic>& diagnostics) {
  return static_cast<size_t>(std::count_if(diagnostics.begin(), diagnostics.end(),
                                           [](const Diagnostic& d) { return d.code == "DF001"; }));
}

std::vector<std::string> codes_of(const std::vector<const Diagnostic*>& diagnostics) {
  std::set<std::string> codes;
  for (const Diagnostic* d : diagnostics) codes.insert(d->code);
  return {codes.begin(), codes.end()};
}

std::string join(const std::vector<std::string>& codes) {
  std::string out;
  for (const std::string& c : codes) out += (out.empty() ? "" : ", ") + c;
  return out;
}

size_t bare_lf(std::string_view text) {
  size_t n = 0;
  for (size_t i = 0; i < text.size(); ++i) n += text[i] == '\n' && (i == 0 || text[i - 1] != '\r');
  return n;
}

}  // namespace

bool keeps_file_format(const SourceFile& before, std::string_view after) {
  std::string_view old = before.text();
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  if (old.starts_with(kBom) != after.starts_with(kBom)) return false;
  if (!old.empty() && old.ends_with('\n') != after.ends_with('\n')) return false;
  if (before.crlf() && bare_lf(after) > bare_lf(old)) return false;
  return true;
}

namespace {

// Identifies a fix in one text (to skip it once it broke parsing).
std::string fix_key(const Diagnostic& d) {
  std::string key = d.code + '\n' + d.fix->title;
  for (const Edit& e : d.fix->edits) key += fmt::format("\n{}:{}:{}", e.span.begin, e.span.end, e.text);
  return key;
}

FixSelection only_first(const FixSelection& sel) {
  FixSelection one;
  one.applied = {sel.applied.front()};
  one.edits = sel.applied.front()->fix->edits;
  std::stable_sort(one.edits.begin(), one.edits.end(),
                   [](const Edit& a, const Edit& b) { return a.span.begin < b.span.begin; });
  one.deferred = sel.deferred + sel.applied.size() - 1;
  return one;
}

}  // namespace

bool fix_applies(const Fix& fix, bool unsafe) {
  if (fix.edits.empty()) return false;
  return fix.applicability == Applicability::kSafe ||
         (unsafe && fix.applicability == Applicability::kUnsafe);
}

FixSelection select_fixes(const SourceFile& file, const std::vector<Diagnostic>& diagnostics, bool unsafe) {
  std::vector<const Diagnostic*> candidates;
  for (const Diagnostic& d : diagnostics) {
    if (!d.fix || !fix_applies(*d.fix, unsafe)) continue;
    if (d.source && d.source->path() != file.path()) continue;  // a fix for another file
    candidates.push_back(&d);
  }
  std::stable_sort(candidates.begin(), candidates.end(), [](const Diagnostic* a, const Diagnostic* b) {
    return first_begin(*a->fix) < first_begin(*b->fix);
  });
  FixSelection out;
  for (const Diagnostic* d : candidates) {
    const std::vector<Edit>& edits = d->fix->edits;
    // A fix whose own edits overlap or leave the file is never applied.
    if (!edits_disjoint(edits, file.size())) continue;
    bool clash = false;
    for (const Edit& e : edits)
      for (const Edit& taken : out.edits) clash = clash || overlaps_or_touches(e.span, taken.span);
    if (clash) {
      ++out.deferred;
      continue;
    }
    out.edits.insert(out.edits.end(), edits.begin(), edits.end());
    out.applied.push_back(d);
  }
  std::stable_sort(out.edits.begin(), out.edits.end(),
                   [](const Edit& a, const Edit& b) { return a.span.begin < b.span.begin; });
  return out;
}

FixLoopResult run_fix_loop(const SourcePtr& source, const std::vector<Diagnostic>& diagnostics,
                           const RelintFn& relint, const FixLoopOptions& options) {
  FixLoopResult result;
  SourcePtr current = source;
  std::vector<Diagnostic> diags = diagnostics;
  std::set<std::string> seen = {std::string(source->text())};
  std::set<std::string> banned;  // fixes that broke parsing when applied alone
  std::set<std::string> broke;   // their codes, for the error
  bool one_at_a_time = false;    // after a round broke parsing: find the culprit
  int budget = options.max_rounds;
  auto errors_of = [&](const SourcePtr& s, const std::vector<Diagnostic>& ds) {
    return options.count_parse_errors ? options.count_parse_errors(s) : parse_errors(ds);
  };
  size_t current_errors = options.guard_parse_errors ? errors_of(current, diags) : 0;
  auto fail = [&](std::vector<std::string> codes, std::string message) {
    result.error_codes = std::move(codes);
    result.error = std::move(message);
  };
  for (int round = 0;; ++round) {
    std::vector<Diagnostic> usable;
    for (const Diagnostic& d : diags)
      if (!d.fix || !banned.count(fix_key(d))) usable.push_back(d);
    FixSelection sel = select_fixes(*current, usable, options.unsafe);
    if (one_at_a_time && sel.applied.size() > 1) sel = only_first(sel);
    if (sel.applied.empty()) break;
    if (round >= budget) {
      fail(codes_of(sel.applied), fmt::format("fixes did not converge after {} rounds (rules still fixing: {})",
                                              round, join(codes_of(sel.applied))));
      break;
    }
    ApplyResult applied = apply_edits(current->text(), sel.edits);
    if (applied.text == current->text()) break;  // fixes that change nothing: done
    if (seen.count(applied.text)) {
      fail(codes_of(sel.applied),
           fmt::format("fixes go round in a cycle (rules involved: {})", join(codes_of(sel.applied))));
      break;
    }
    bool format_ok = keeps_file_format(*current, applied.text);
    auto next = std::make_shared<SourceFile>(source->path(), std::move(applied.text));
    std::vector<Diagnostic> next_diags = format_ok ? relint(next) : std::vector<Diagnostic>{};
    size_t next_errors = format_ok && options.guard_parse_errors ? errors_of(next, next_diags) : 0;
    if (!format_ok || next_errors > current_errors) {
      // Not applied. With several fixes, retry them one by one to find the one that breaks.
      if (sel.applied.size() == 1) {
        banned.insert(fix_key(*sel.applied.front()));
        ++budget;
        broke.insert(sel.applied.front()->code);
      } else {
        budget += static_cast<int>(sel.applied.size());
      }
      one_at_a_time = true;
      continue;
    }
    seen.insert(std::string(next->text()));
    for (const Diagnostic* d : sel.applied) ++result.applied_by_code[d->code];
    result.fixes_applied += sel.applied.size();
    ++result.rounds;
    current = std::move(next);
    diags = std::move(next_diags);
    current_errors = next_errors;
  }
  if (result.error.empty() && !broke.empty()) {
    std::vector<std::string> codes(broke.begin(), broke.end());
    fail(codes, fmt::format("fixes that would break parsing or the file's BOM, line endings or final "
                            "newline were not applied (rules: {})",
                            join(codes)));
  }
  result.text = std::string(current->text());
  result.source = current;
  result.changed = current->text() != source->text();
  result.remaining = std::move(diags);
  return result;
}

}  // namespace dockml
