// The per-rule snapshot harness. For every rule in the registry there is a folder
// tests/fixtures/<CODE>/ holding input cases (`<case>.Dockerfile`, `<case>.txt` for requirement
// files, `<case>.yaml`/`.yml` for compose or Kubernetes files) and, next to each, the expected
// output `<case>.snap`: the text rendering of every diagnostic (no colour, no docs link) and,
// for each fix, its title and a unified diff of the file with only that fix applied.
// Each case is linted with only that rule selected (--select CODE); any diagnostic of another
// code fails the test. Cases named `ok*` are negative cases and must have an empty snapshot;
// every folder needs at least one positive and one negative case. DOCKML_BLESS=1 rewrites the
// snapshots (review the diff like code). An optional `<case>.options.json` next to a case sets
// LintOptions for it: {"trusted_registries": [..], "label_schema": {"name": "type"},
// "strict_labels": bool, "shellcheck": bool, "build_args": {"K": "V"}, "gpu_driver": "535.104.05",
// "gpu_arch": "sm_61"}.
#include <algorithm>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "analyzer/engine/engine.h"
#include "analyzer/engine/file_kind.h"
#include "analyzer/fix/apply.h"
#include "analyzer/render/text.h"
#include "tests/golden_util.h"

namespace dockml {
namespace {

namespace fs = std::filesystem;

fs::path fixtures_dir() { return fs::path(DOCKML_TESTS_DIR) / "fixtures"; }

std::vector<std::string> rule_codes() {
  std::vector<std::string> codes;
  for (const RuleEntry& e : rule_registry()) codes.emplace_back(e.meta->code);
  return codes;
}

struct Case {
  std::string name;     // "missing_tag"
  fs::path input;       // .../missing_tag.Dockerfile
  fs::path snapshot;    // .../missing_tag.snap
};

std::vector<Case> cases_in(const fs::path& dir) {
  std::vector<Case> cases;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    std::string file = entry.path().filename().string();
    if (!entry.is_regular_file() || file.starts_with(".") || file.ends_with(".snap") ||
        file.ends_with(".options.json"))
      continue;
    std::string name = file.substr(0, file.find('.'));
    cases.push_back({name, entry.path(), dir / (name + ".snap")});
  }
  std::sort(cases.begin(), cases.end(), [](const Case& a, const Case& b) { return a.input < b.input; });
  return cases;
}

FileKind fixture_kind(const std::string& file, std::string_view text) {
  if (file.ends_with(".txt")) return FileKind::kRequirements;
  if (is_yaml_name(file)) return looks_like_kubernetes(text) ? FileKind::kKubernetes : FileKind::kCompose;
  return FileKind::kDockerfile;
}

// Renders what the snapshot holds; checks the fix contracts on the way.
std::string render_case(const std::string& code, const RuleMeta& meta, const LintResult& result) {
  std::ostringstream out;
  for (const Diagnostic& d : result.diagnostics) {
    if (d.code != code) ADD_FAILURE() << "unexpected diagnostic " << d.code << ": " << d.message;
    render_text_diagnostic(out, d, /*color=*/false, /*with_url=*/false);
    if (!d.fix) continue;
    if (meta.fix == FixAvailability::kNone) ADD_FAILURE() << code << " declares no fix but emitted one";
    if (d.fix->title.empty()) ADD_FAILURE() << "fix without a title";
    std::string_view text = d.source->text();
    ApplyResult applied = apply_edits(text, d.fix->edits);
    if (!applied.conflicts.empty()) ADD_FAILURE() << "fix '" << d.fix->title << "' has overlapping edits";
    out << "fix (" << applicability_name(d.fix->applicability) << "): " << d.fix->title << '\n'
        << unified_diff(text, applied.text, d.source->path()) << '\n';
  }
  return out.str();
}

// Applies `<case>.options.json` (see the header comment) to `options`.
void apply_case_options(const fs::path& file, LintOptions& options) {
  if (!fs::exists(file)) return;
  std::string text;
  ASSERT_TRUE(testing::read_text(file.string(), text));
  nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  ASSERT_TRUE(j.is_object()) << file << " is not a JSON object";
  for (const auto& [key, value] : j.items()) {
    if (key == "trusted_registries") options.trusted_registries = value.get<std::vector<std::string>>();
    else if (key == "label_schema") options.label_schema = value.get<std::map<std::string, std::string>>();
    else if (key == "strict_labels") options.strict_labels = value.get<bool>();
    else if (key == "shellcheck") options.shellcheck = value.get<bool>();
    else if (key == "ignore") options.ignore = value.get<std::vector<std::string>>();
    else if (key == "build_args") options.build_args = value.get<std::map<std::string, std::string>>();
    else if (key == "gpu_driver") options.gpu_driver = value.get<std::string>();
    else if (key == "gpu_arch") options.gpu_arch = value.get<std::string>();
    else ADD_FAILURE() << file << ": unknown key " << key;
  }
}

class RuleFixtures : public ::testing::TestWithParam<std::string> {};

TEST_P(RuleFixtures, Snapshots) {
  const std::string code = GetParam();
  const RuleEntry* entry = find_rule(code);
  ASSERT_NE(entry, nullptr);
  fs::path dir = fixtures_dir() / code;
  ASSERT_TRUE(fs::is_directory(dir)) << "rule " << code << " has no fixture folder " << dir
                                     << " (scripts/new_rule.sh creates one)";
  std::vector<Case> cases = cases_in(dir);
  size_t positive = 0, negative = 0;
  for (const Case& c : cases) {
    SCOPED_TRACE(c.input.string());
    std::string text;
    ASSERT_TRUE(testing::read_text(c.input.string(), text));
    auto source = std::make_shared<SourceFile>(c.input.filename().string(), text);
    LintOptions options;
    options.select = {code};
    // A folder `<case>.context/` next to the case is its build context (.dockerignore, ...).
    // Otherwise the fixture folder is the context (as the Dockerfile's folder would be).
    options.context_dir = fs::is_directory(dir / (c.name + ".context"))
                              ? (dir / (c.name + ".context")).string()
                              : dir.string();
    apply_case_options(dir / (c.name + ".options.json"), options);
    LintResult result = lint_source(source, options, fixture_kind(c.input.filename().string(), text));
    std::string actual = render_case(code, *entry->meta, result);
    // Requirement files are read from the absolute context folder: show them relative to the
    // fixture folder so snapshots do not depend on where the repository lives.
    const std::string prefix = dir.string() + "/";
    for (size_t at = actual.find(prefix); at != std::string::npos; at = actual.find(prefix, at))
      actual.erase(at, prefix.size());
    bool is_ok = c.name.starts_with("ok");
    (is_ok ? negative : positive) += 1;
    if (is_ok && !actual.empty()) ADD_FAILURE() << "negative case (ok*) has diagnostics:\n" << actual;
    if (!is_ok && actual.empty()) ADD_FAILURE() << "positive case produced no diagnostic";
    testing::expect_golden(c.snapshot.string(), actual);
  }
  EXPECT_GE(positive, 1u) << code << " needs a positive fixture case";
  EXPECT_GE(negative, 1u) << code << " needs a negative fixture case (named ok*)";
}

INSTANTIATE_TEST_SUITE_P(AllRules, RuleFixtures, ::testing::ValuesIn(rule_codes()),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

TEST(RuleFixturesLayout, EveryFolderNamesARule) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(fixtures_dir(), ec)) {
    if (!entry.is_directory()) continue;
    std::string code = entry.path().filename().string();
    EXPECT_NE(find_rule(code), nullptr) << "fixture folder " << code << " names no registered rule";
    for (const auto& file : fs::directory_iterator(entry.path())) {
      std::string name = file.path().filename().string();
      if (!name.ends_with(".snap")) continue;
      bool has_input = false;
      for (const Case& c : cases_in(entry.path())) has_input |= c.snapshot == file.path();
      EXPECT_TRUE(has_input) << "orphan snapshot " << file.path();
    }
  }
}

}  // namespace
}  // namespace dockml
