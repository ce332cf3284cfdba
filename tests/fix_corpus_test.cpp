// The fixer over the real-world corpus (../shared/corpus): every file is copied to a temporary
// folder, fixed in place with safe and unsafe fixes exactly as `dockml check --fix
// --unsafe-fixes FILE...` does (discover, lint, fix_results), and then each file
//   - still parses (no more parse errors than before),
//   - has no DF error it did not have,
//   - has no more diagnostics than before,
//   - is left unchanged by a second `--fix`.
// Skipped, with a message, when ../shared/corpus is not there.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "analyzer/cli/discover.h"
#include "analyzer/cli/fix_files.h"
#include "analyzer/fix/parse_check.h"
#include "tests/golden_util.h"
#include "tests/temp_dir.h"

namespace dockml {
namespace {

namespace fs = std::filesystem;

struct Counts {
  size_t diagnostics = 0;
  size_t df_errors = 0;
  size_t parse_errors = 0;
};

Counts counts_of(const LintResult& r) {
  Counts c;
  c.diagnostics = r.diagnostics.size();
  for (const Diagnostic& d : r.diagnostics)
    c.df_errors += d.code.starts_with("DF") && d.severity == Severity::kError;
  if (r.source) c.parse_errors = parse_error_count(r.source, r.kind);
  return c;
}

std::vector<LintResult> lint_files(const std::vector<DiscoveredFile>& files, const LintOptions& options) {
  std::vector<LintResult> out;
  for (const DiscoveredFile& f : files) {
    LoadResult loaded = load_source(f.path);
    if (!loaded.file) {
      ADD_FAILURE() << loaded.error.message;
      out.emplace_back();
      continue;
    }
    out.push_back(lint_source(loaded.file, options, f.kind));
  }
  return out;
}

std::vector<LintResult*> pointers(std::vector<LintResult>& results) {
  std::vector<LintResult*> out;
  for (LintResult& r : results)
    if (r.source) out.push_back(&r);
  return out;
}

TEST(FixCorpus, FixedFilesParseConvergeAndDoNotGetWorse) {
  fs::path corpus = fs::path(DOCKML_SHARED_DIR) / "corpus";
  if (!fs::is_directory(corpus)) GTEST_SKIP() << "corpus not found at " << corpus.string() << "; skipping";
  testing_util::TempDir tmp("dockml-fix-corpus");
  ASSERT_TRUE(tmp.ok());
  fs::path work = tmp.path() / "corpus";
  fs::copy(corpus, work, fs::copy_options::recursive);

  auto started = std::chrono::steady_clock::now();
  // Every corpus file named explicitly, as `dockml check --fix --unsafe-fixes FILE...` would
  // get them (corpus names like `repo__docker__Dockerfile.gpu` escape directory discovery).
  std::vector<std::string> paths;
  for (const auto& e : fs::recursive_directory_iterator(work)) {
    std::string name = e.path().filename().string();
    if (e.is_regular_file() && name != "MANIFEST.tsv" && name != "README.md") paths.push_back(e.path().string());
  }
  std::sort(paths.begin(), paths.end());
  Discovery found = discover(paths);
  ASSERT_TRUE(found.errors.empty());
  LintOptions lint;
  std::vector<LintResult> before = lint_files(found.files, lint);
  std::vector<Counts> counts_before;
  for (const LintResult& r : before) counts_before.push_back(counts_of(r));

  CheckSettings fix;
  fix.fix = true;
  fix.unsafe_fixes = true;
  fix.jobs = 2;
  fix.lint = lint;
  std::vector<LintResult> fixed_results = before;  // fix_results replaces sources/diagnostics
  FixReport report = fix_results(pointers(fixed_results), fix);
  EXPECT_FALSE(report.error) << "some file's fixes failed (see stderr)";

  // Re-read every file from disk and lint it again.
  std::vector<LintResult> after = lint_files(found.files, lint);
  std::map<std::string, size_t> grew_by_code;
  size_t changed = 0, total_before = 0, total_after = 0;
  for (size_t i = 0; i < after.size(); ++i) {
    if (!after[i].source || !before[i].source) continue;
    SCOPED_TRACE(found.files[i].path);
    Counts a = counts_of(after[i]);
    const Counts& b = counts_before[i];
    total_before += b.diagnostics;
    total_after += a.diagnostics;
    changed += after[i].source->text() != before[i].source->text();
    EXPECT_LE(a.parse_errors, b.parse_errors) << "no longer parses";
    EXPECT_LE(a.df_errors, b.df_errors) << "a new DF error appeared";
    if (a.diagnostics > b.diagnostics) {
      std::map<std::string, int> delta;
      for (const Diagnostic& d : before[i].diagnostics) --delta[d.code];
      for (const Diagnostic& d : after[i].diagnostics) ++delta[d.code];
      std::string grew;
      for (auto& [code, n] : delta)
        if (n > 0) grew += fmt::format(" {}+{}", code, n), ++grew_by_code[code];
      ADD_FAILURE() << "diagnostics grew from " << b.diagnostics << " to " << a.diagnostics << ":" << grew;
    }
  }

  // A second --fix (safe fixes only) changes nothing.
  CheckSettings again = fix;
  again.unsafe_fixes = false;
  std::vector<LintResult> second = after;
  FixReport second_report = fix_results(pointers(second), again);
  EXPECT_EQ(second_report.fixed, 0u) << "a second --fix applied more fixes";
  for (size_t i = 0; i < second.size(); ++i) {
    if (second[i].source && after[i].source)
      EXPECT_EQ(second[i].source->text(), after[i].source->text()) << found.files[i].path;
  }

  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << fmt::format("[ fix corpus ] {} files, {} changed, {} fixes applied, diagnostics {} -> {}, {:.1f}s\n",
                           found.files.size(), changed, report.fixed, total_before, total_after, seconds);
  std::string by_code;
  for (const auto& [code, n] : report.fixed_by_code) by_code += fmt::format(" {}:{}", code, n);
  std::cout << "[ fix corpus ] fixes by rule:" << by_code << '\n';
  for (const auto& [code, n] : grew_by_code) std::cout << "[ fix corpus ] grew " << code << " in " << n << " files\n";
}

}  // namespace
}  // namespace dockml
