#include "rules/regex_gate.h"

#include <gtest/gtest.h>
#include <re2/re2.h>

namespace dockml::rules {
namespace {

TEST(RegexGate, ContainsAnyIsExactBytes) {
  EXPECT_TRUE(contains_any("export TOKEN=hf_abc", {"sk-", "hf_"}));
  EXPECT_FALSE(contains_any("export TOKEN=HF_abc", {"sk-", "hf_"}));
  EXPECT_FALSE(contains_any("", {"hf_"}));
  EXPECT_FALSE(contains_any("anything", {}));
}

TEST(RegexGate, MayContainFoldedIgnoresAsciiCase) {
  EXPECT_TRUE(may_contain_folded("MODEL.SafeTensors", {".safetensors"}));
  EXPECT_TRUE(may_contain_folded("HF_API_KEY", {"token", "key"}));
  EXPECT_FALSE(may_contain_folded("PATH", {"token", "key"}));
  EXPECT_FALSE(may_contain_folded("ke", {"key"}));
  EXPECT_TRUE(may_contain_folded("", {""}));
}

TEST(RegexGate, MayContainFoldedSendsNonAsciiToThePattern) {
  // U+212A KELVIN SIGN: RE2's (?i) matches it as k, so the gate must not reject it.
  const std::string kelvin_key = "API_\xE2\x84\xAA" "EY";
  EXPECT_TRUE(may_contain_folded(kelvin_key, {"key"}));
  EXPECT_TRUE(RE2::PartialMatch(kelvin_key, RE2("(?i)key")));
  EXPECT_TRUE(may_contain_folded("caf\xC3\xA9", {"key"}));
}

}  // namespace
}  // namespace dockml::rules
