// Every rule in the registry: a well-formed code, a kebab-case name, a one-line summary and a
// doc with the six fixed sections in order, each non-empty. The registry is sorted and unique.
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "analyzer/engine/rule.h"

namespace dockml {
namespace {

const std::vector<std::string> kSections = {"## What it does", "## Why it matters", "## Example",
                                            "## Use instead",  "## Fix safety",      "## References"};

bool valid_code(std::string_view code) {
  size_t letters = 0;
  while (letters < code.size() && code[letters] >= 'A' && code[letters] <= 'Z') ++letters;
  if (letters != 2 || code.size() < 5 || code.size() > 6) return false;
  for (size_t i = letters; i < code.size(); ++i)
    if (code[i] < '0' || code[i] > '9') return false;
  return true;
}

bool kebab(std::string_view name) {
  if (name.empty() || name.front() == '-' || name.back() == '-') return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  return name.find("--") == std::string_view::npos;
}

TEST(RuleDocs, EveryRuleHasNameSummaryAndAllSections) {
  ASSERT_FALSE(rule_registry().empty());
  for (const RuleEntry& e : rule_registry()) {
    const RuleMeta& m = *e.meta;
    SCOPED_TRACE(std::string(m.code));
    EXPECT_TRUE(valid_code(m.code)) << "code must be two capitals and 3-4 digits";
    EXPECT_TRUE(kebab(m.name)) << "name must be kebab-case: '" << m.name << "'";
    EXPECT_FALSE(m.summary.empty()) << "missing summary";
    EXPECT_EQ(m.summary.find('\n'), std::string_view::npos) << "summary must be one line";
    size_t pos = 0;
    for (size_t i = 0; i < kSections.size(); ++i) {
      size_t at = m.doc.find(kSections[i] + "\n", pos);
      ASSERT_NE(at, std::string_view::npos) << "missing or out-of-order section '" << kSections[i] << "'";
      size_t body = at + kSections[i].size() + 1;
      size_t next = i + 1 < kSections.size() ? m.doc.find(kSections[i + 1] + "\n", body) : m.doc.size();
      ASSERT_NE(next, std::string_view::npos);
      std::string_view text = m.doc.substr(body, next - body);
      EXPECT_NE(text.find_first_not_of(" \n"), std::string_view::npos)
          << "section '" << kSections[i] << "' is empty";
      pos = body;
    }
    EXPECT_NE(e.create, nullptr);
    if (e.create) EXPECT_NE(e.create(), nullptr);
  }
}

TEST(RuleDocs, RegistryIsSortedAndUnique) {
  std::string prev;
  std::set<std::string> names;
  std::set<std::string> aliases;
  for (const RuleEntry& e : rule_registry()) {
    std::string code(e.meta->code);
    EXPECT_LT(prev, code) << "registry not sorted by code (or duplicate) at " << code;
    prev = code;
    EXPECT_TRUE(names.insert(std::string(e.meta->name)).second) << "duplicate name " << e.meta->name;
    if (!e.meta->alias.empty())
      EXPECT_TRUE(aliases.insert(std::string(e.meta->alias)).second) << "duplicate alias " << e.meta->alias;
    EXPECT_EQ(find_rule(code), &e);
  }
}

}  // namespace
}  // namespace dockml
