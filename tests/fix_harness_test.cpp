// The fixer harness (like ruff's): for every rule fixture case (tests/fixtures/<CODE>/) whose
// diagnostics carry an applicable fix, run the fix loop with safe and unsafe fixes and check
//   - the loop converges (no error, nothing left to apply),
//   - the fixed file parses (no DF001 that the input did not have),
//   - the fixed file no longer triggers the rule where a fix was applied (at least one
//     diagnostic of the rule gone per applied fix),
//   - a snapshot tests/fixes/<CODE>/<case>.diff pins the fixed text as a unified diff,
// and that each rule's declared FixAvailability matches what it emits: kNone never emits a
// fix, kAlways emits one on every diagnostic, kSometimes emits at least one over its cases.
// DOCKML_BLESS=1 rewrites the snapshots (review the diff like code).
#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "analyzer/engine/engine.h"
#include "analyzer/engine/file_kind.h"
#include "analyzer/fix/apply.h"
#include "analyzer/fix/fix_loop.h"
#include "analyzer/fix/parse_check.h"
#include "tests/golden_util.h"

namespace dockml {
namespace {

namespace fs = std::filesystem;

fs::path fixtures_dir() { return fs::path(DOCKML_TESTS_DIR) / "fixtures"; }
fs::path snapshots_dir() { return fs::path(DOCKML_TESTS_DIR) / "fixes"; }

struct Case {
  std::string name;
  fs::path input;
};

// The same cases as the rule snapshot harness (rule_fixtures_test.cpp).
std::vector<Case> cases_in(const fs::path& dir) {
  std::vector<Case> cases;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    std::string file = entry.path().filename().string();
    if (!entry.is_regular_file() || file.starts_with(".") || file.ends_with(".snap")) continue;
    cases.push_back({file.substr(0, file.find('.')), entry.path()});
  }
  std::sort(cases.begin(), cases.end(), [](const Case& a, const Case& b) { return a.input < b.input; });
  return cases;
}

FileKind fixture_kind(const std::string& file, std::string_view text) {
  if (file.ends_with(".txt")) return FileKind::kRequirements;
  if (is_yaml_name(file)) return looks_like_kubernetes(text) ? FileKind::kKubernetes : FileKind::kCompose;
  return FileKind::kDockerfile;
}

size_t count_code(const std::vector<Diagnostic>& ds, std::string_view code) {
  return static_cast<size_t>(std::count_if(ds.begin(), ds.end(), [&](const Diagnostic& d) { return d.code == code; }));
}

std::vector<std::string> rule_codes() {
  std::vector<std::string> codes;
  for (const RuleEntry& e : rule_registry()) codes.emplace_back(e.meta->code);
  return codes;
}

class FixHarness : public ::testing::TestWithParam<std::string> {};

TEST_P(FixHarness, FixesConvergeParseAndAreSnapshotted) {
  const std::string code = GetParam();
  const RuleEntry* entry = find_rule(code);
  ASSERT_NE(entry, nullptr);
  const FixAvailability declared = entry->meta->fix;
  fs::path dir = fixtures_dir() / code;
  size_t with_fix = 0;
  std::set<fs::path> snapshots;
  for (const Case& c : cases_in(dir)) {
    SCOPED_TRACE(c.input.string());
    std::string text;
    ASSERT_TRUE(testing::read_text(c.input.string(), text));
    LintOptions options;
    options.select = {code};
    options.context_dir = fs::is_directory(dir / (c.name + ".context")) ? (dir / (c.name + ".context")).string()
                                                                         : dir.string();
    FileKind kind = fixture_kind(c.input.filename().string(), text);
    auto source = std::make_shared<SourceFile>(c.input.filename().string(), text);
    LintResult first = lint_source(source, options, kind);

    bool any_applicable = false;
    std::map<std::string, std::pair<SourcePtr, std::vector<Diagnostic>>> other;  // fixes in other files
    for (const Diagnostic& d : first.diagnostics) {
      if (d.code != code) continue;
      if (declared == FixAvailability::kNone) EXPECT_FALSE(d.fix) << code << " declares no fix but emitted one";
      if (declared == FixAvailability::kAlways)
        EXPECT_TRUE(d.fix) << code << " declares kAlways but emitted no fix for: " << d.message;
      if (!d.fix) continue;
      ++with_fix;
      EXPECT_FALSE(d.fix->title.empty()) << "fix without a title";
      if (d.source && d.source != source && d.source->path() != source->path()) {
        if (!fix_applies(*d.fix, true)) continue;
        other[d.source->path()].first = d.source;
        other[d.source->path()].second.push_back(d);
        continue;
      }
      any_applicable = any_applicable || fix_applies(*d.fix, /*unsafe=*/true);
    }
    // Fixes in another file (a requirement file the case installs): applied once, as the CLI does.
    std::string other_diffs;
    for (const auto& [path, group] : other) {
      FixSelection sel = select_fixes(*group.first, group.second, true);
      EXPECT_FALSE(sel.applied.empty()) << "fixes for " << path << " cannot be applied";
      std::string after = apply_edits(group.first->text(), sel.edits).text;
      EXPECT_TRUE(keeps_file_format(*group.first, after)) << path;
      other_diffs += unified_diff(group.first->text(), after, fs::path(path).filename().string());
    }
    fs::path snap = snapshots_dir() / code / (c.name + ".diff");
    if (!any_applicable && !other_diffs.empty()) {
      snapshots.insert(snap);
      if (testing::blessing()) fs::create_directories(snap.parent_path());
      testing::expect_golden(snap.string(), "fixes in other files:\n" + other_diffs);
    }
    if (!any_applicable) continue;

    auto relint = [&](const SourcePtr& s) { return lint_source(s, options, kind).diagnostics; };
    FixLoopOptions loop;
    loop.unsafe = true;
    loop.count_parse_errors = [kind](const SourcePtr& s) { return parse_error_count(s, kind); };
    FixLoopResult fixed = run_fix_loop(source, first.diagnostics, relint, loop);
    EXPECT_EQ(fixed.error, "") << "fix loop failed";
    EXPECT_TRUE(fixed.changed) << "applicable fixes changed nothing";
    EXPECT_TRUE(select_fixes(*fixed.source, fixed.remaining, true).applied.empty()) << "fixes left to apply";

    // Parses: no parse error (DF001) the input did not have.
    EXPECT_LE(parse_error_count(fixed.source, kind), parse_error_count(source, kind))
        << "the fixed file does not parse:\n" << fixed.text;

    // The fixed rule is gone where it was fixed.
    size_t before = count_code(first.diagnostics, code);
    size_t after = count_code(fixed.remaining, code);
    size_t applied = fixed.applied_by_code.count(code) ? fixed.applied_by_code.at(code) : 0;
    EXPECT_GE(applied, 1u);
    EXPECT_LE(after + applied, before) << "the fixed file still triggers " << code << ":\n" << fixed.text;

    std::string snapshot = fmt::format("applied: {} fix(es) in {} round(s); {} diagnostic(s) of {} left\n",
                                       fixed.fixes_applied, fixed.rounds, after, code) +
                           unified_diff(text, fixed.text, c.input.filename().string()) +
                           (other_diffs.empty() ? "" : "fixes in other files:\n" + other_diffs);
    snapshots.insert(snap);
    if (testing::blessing()) fs::create_directories(snap.parent_path());
    testing::expect_golden(snap.string(), snapshot);
  }
  if (declared == FixAvailability::kSometimes || declared == FixAvailability::kAlways)
    EXPECT_GE(with_fix, 1u) << code << " declares fixes but no fixture case emits one";
  // No stale snapshot for a case that no longer has a fix.
  std::error_code ec;
  for (const auto& f : fs::directory_iterator(snapshots_dir() / code, ec)) {
    if (snapshots.count(f.path())) continue;
    if (testing::blessing()) fs::remove(f.path());
    else ADD_FAILURE() << "stale fix snapshot " << f.path();
  }
}

INSTANTIATE_TEST_SUITE_P(AllRules, FixHarness, ::testing::ValuesIn(rule_codes()),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

TEST(FixHarnessLayout, EverySnapshotFolderNamesARule) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(snapshots_dir(), ec)) {
    EXPECT_TRUE(entry.is_directory() && find_rule(entry.path().filename().string()) != nullptr)
        << "tests/fixes/" << entry.path().filename().string() << " names no registered rule";
  }
}

}  // namespace
}  // namespace dockml
