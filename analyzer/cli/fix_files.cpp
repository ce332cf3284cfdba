#include "analyzer/cli/fix_files.h"

#include <algorithm>
#include <atomic>
#include <iostream>
#include <map>
#include <set>
#include <thread>

#include <fmt/format.h>

#include "analyzer/fix/apply.h"
#include "analyzer/fix/fix_loop.h"
#include "analyzer/fix/parse_check.h"
#include "analyzer/fix/write_file.h"

namespace dockml {

namespace {

struct FileFix {
  FixLoopResult loop;
  bool attempted = false;
};

bool has_applicable_fix(const LintResult& r, bool unsafe) {
  for (const Diagnostic& d : r.diagnostics)
    if (d.fix && fix_applies(*d.fix, unsafe)) return true;
  return false;
}

FileFix fix_one(const LintResult& r, const CheckSettings& s, const LintOptions& lint) {
  FileFix out;
  if (!r.source || !has_applicable_fix(r, s.unsafe_fixes)) return out;
  out.attempted = true;
  FileKind kind = r.kind;
  auto relint = [&](const SourcePtr& next) { return lint_source(next, lint, kind).diagnostics; };
  FixLoopOptions options;
  options.unsafe = s.unsafe_fixes;
  options.count_parse_errors = [kind](const SourcePtr& next) { return parse_error_count(next, kind); };
  try {
    out.loop = run_fix_loop(r.source, r.diagnostics, relint, options);
  } catch (const std::exception& e) {
    out.loop = FixLoopResult{};
    out.loop.text = std::string(r.source->text());
    out.loop.remaining = r.diagnostics;
    out.loop.error = fmt::format("internal error while fixing: {}", e.what());
  }
  return out;
}

std::vector<FileFix> fix_all(const std::vector<LintResult*>& results, const CheckSettings& s,
                             const std::vector<const LintOptions*>& options) {
  std::vector<FileFix> fixes(results.size());
  size_t threads = s.jobs > 0 ? static_cast<size_t>(s.jobs) : std::max(1u, std::thread::hardware_concurrency());
  threads = std::min(threads, results.size());
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i = next++; i < results.size(); i = next++) fixes[i] = fix_one(*results[i], s, options.empty() ? s.lint : *options[i]);
  };
  if (threads <= 1) {
    worker();
    return fixes;
  }
  std::vector<std::thread> pool;
  for (size_t t = 0; t < threads; ++t) pool.emplace_back(worker);
  for (std::thread& t : pool) t.join();
  return fixes;
}

std::string display_name(const std::string& path) { return path == "-" ? "<stdin>" : path; }

// Fixes whose edits lie in another file than the linted one (e.g. a requirement file that a
// Dockerfile installs): one pass after the files' own loops, one round per other file, each
// file written at most once per run (a file fixed as an input of its own keeps that result).
// The linted file is re-linted afterwards, since what it reads has changed.
void fix_other_files(const std::vector<LintResult*>& results, const CheckSettings& s,
                     const std::vector<const LintOptions*>& options, FixReport& report) {
  std::set<std::string> written;
  for (const LintResult* r : results)
    if (r->source) written.insert(r->source->path());  // inputs are fixed by their own loop
  for (size_t i = 0; i < results.size(); ++i) {
    LintResult& r = *results[i];
    if (!r.source || r.source->path() == "-") continue;
    std::map<std::string, std::pair<SourcePtr, std::vector<Diagnostic>>> other;
    for (const Diagnostic& d : r.diagnostics) {
      if (!d.fix || !fix_applies(*d.fix, s.unsafe_fixes) || !d.source || d.source->path() == r.source->path()) continue;
      auto& group = other[d.source->path()];
      group.first = d.source;
      group.second.push_back(d);
    }
    bool any = false;
    for (auto& [path, group] : other) {
      if (written.count(path)) continue;
      const SourceFile& file = *group.first;
      FixSelection sel = select_fixes(file, group.second, s.unsafe_fixes);
      if (sel.applied.empty()) continue;
      std::string text = apply_edits(file.text(), sel.edits).text;
      if (text == file.text() || !keeps_file_format(file, text)) continue;
      if (s.diff) {
        report.diff += unified_diff(file.text(), text, path);
      } else {
        std::string error;
        std::string_view original = file.text();
        if (!replace_file_contents(path, text, error, &original)) {
          print_error(error);
          report.error = true;
          continue;
        }
        for (const Diagnostic* d : sel.applied) ++report.fixed_by_code[d->code];
      }
      written.insert(path);
      report.fixed += sel.applied.size();
      ++report.files_changed;
      any = true;
    }
    if (any && !s.diff) {
      const LintOptions& lint = options.empty() ? s.lint : *options[i];
      r.diagnostics = lint_source(r.source, lint, r.kind).diagnostics;
    }
  }
}

}  // namespace

FixReport fix_results(const std::vector<LintResult*>& results, const CheckSettings& s,
                      const std::vector<const LintOptions*>& options) {
  FixReport report;
  report.diff_mode = s.diff;
  std::vector<FileFix> fixes = fix_all(results, s, options);
  for (size_t i = 0; i < results.size(); ++i) {
    LintResult& r = *results[i];
    FileFix& f = fixes[i];
    bool is_stdin = r.source && r.source->path() == "-";
    if (!f.loop.error.empty()) {
      print_error(fmt::format("{}: {}", display_name(r.source->path()), f.loop.error));
      report.error = true;
    }
    bool changed = f.attempted && f.loop.changed;
    if (changed) {
      report.fixed += f.loop.fixes_applied;
      ++report.files_changed;
    }
    if (s.diff) {
      if (changed) report.diff += unified_diff(r.source->text(), f.loop.text, display_name(r.source->path()));
      continue;
    }
    if (is_stdin) {
      std::cout << (changed ? std::string_view(f.loop.text) : r.source->text()) << std::flush;
      report.stdin_fixed = true;
    } else if (changed) {
      std::string error;
      std::string_view original = r.source->text();
      if (!replace_file_contents(r.source->path(), f.loop.text, error, &original)) {
        print_error(error);
        report.error = true;
        report.fixed -= f.loop.fixes_applied;
        --report.files_changed;
        continue;  // the file is unchanged: keep its diagnostics
      }
    }
    if (changed) {
      for (const auto& [code, n] : f.loop.applied_by_code) report.fixed_by_code[code] += n;
      r.source = f.loop.source;
      r.diagnostics = std::move(f.loop.remaining);
      r.dockerfile.reset();  // of the old text
      r.model.reset();
    }
  }
  fix_other_files(results, s, options, report);
  return report;
}

std::string diff_summary(const FixReport& report) {
  if (report.fixed == 0) return "No fixes available";
  return fmt::format("Would fix {} {} in {} {}", report.fixed, report.fixed == 1 ? "problem" : "problems",
                     report.files_changed, report.files_changed == 1 ? "file" : "files");
}

}  // namespace dockml
