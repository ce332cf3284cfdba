#include "analyzer/dockerfile/glob.h"

#include <gtest/gtest.h>

#include <random>

namespace dockml {
namespace {

using Token = GlobPattern::Token;

// Reference: a backtracking matcher with the priorities of a Go regular expression built
// from the glob (`*` -> `.*` or `.*?`, `?` -> `.`; `.` never matches '\n'). Exponential,
// only for tiny inputs. Returns the end of the first match found in priority order.
std::optional<size_t> ref_match(const std::vector<Token>& t, size_t ti, const std::u32string& v,
                                size_t vi, bool greedy) {
  if (ti == t.size()) return vi;
  const Token& k = t[ti];
  if (k.kind == Token::kLiteral) {
    if (vi < v.size() && v[vi] == k.cp) return ref_match(t, ti + 1, v, vi + 1, greedy);
    return std::nullopt;
  }
  if (k.kind == Token::kAnyChar) {
    if (vi < v.size() && v[vi] != '\n') return ref_match(t, ti + 1, v, vi + 1, greedy);
    return std::nullopt;
  }
  size_t max = vi;
  while (max < v.size() && v[max] != '\n') ++max;
  if (greedy) {
    for (size_t e = max + 1; e-- > vi;) {
      if (auto r = ref_match(t, ti + 1, v, e, greedy)) return r;
    }
  } else {
    for (size_t e = vi; e <= max; ++e) {
      if (auto r = ref_match(t, ti + 1, v, e, greedy)) return r;
    }
  }
  return std::nullopt;
}

std::string utf8(const std::u32string& s) {
  std::string o;
  for (char32_t c : s) o += static_cast<char>(c);  // test alphabet is ASCII
  return o;
}

std::u32string ref_trim_prefix(const std::vector<Token>& t, const std::u32string& v, bool greedy) {
  auto e = ref_match(t, 0, v, 0, greedy);
  return e ? v.substr(*e) : v;
}

std::u32string ref_replace(const std::vector<Token>& t, const std::u32string& v,
                           const std::u32string& rep, bool all) {
  auto find = [&](size_t from) -> std::optional<std::pair<size_t, size_t>> {
    for (size_t s = from; s <= v.size(); ++s) {
      if (auto e = ref_match(t, 0, v, s, true)) return std::make_pair(s, *e);
    }
    return std::nullopt;
  };
  if (!all) {
    auto m = find(0);
    if (!m) return v;
    return v.substr(0, m->first) + rep + v.substr(m->second);
  }
  std::u32string out;
  size_t last = 0, search = 0;
  while (search <= v.size()) {
    auto m = find(search);
    if (!m) break;
    out += v.substr(last, m->first - last);
    if (m->second > last || m->first == 0) out += rep;
    last = m->second;
    search = search + 1 > m->second ? search + 1 : m->second;
  }
  return out + v.substr(last);
}

TEST(Glob, CompileErrorsAndEscapes) {
  std::string why;
  EXPECT_FALSE(GlobPattern::compile("a\\x", &why));
  EXPECT_EQ(why, "invalid escape '\\x'");
  EXPECT_FALSE(GlobPattern::compile("\\", &why));
  EXPECT_FALSE(GlobPattern::compile("\\\\\\", &why));
  auto g = GlobPattern::compile("\\*\\?\\\\\\}\\/**?", &why);
  ASSERT_TRUE(g);
  ASSERT_EQ(g->tokens().size(), 7u);  // * ? \ } / literals, one run, one any-char
  EXPECT_EQ(g->tokens()[3].cp, U'}');
  EXPECT_EQ(g->tokens()[5].kind, Token::kAnyRun);
  EXPECT_EQ(g->trim_prefix("*?\\}/xyz", true), "");
  EXPECT_EQ(g->trim_prefix("*?\\}/xyz", false), "yz");
}

// The automaton agrees with a regex-priority backtracker on every operation.
TEST(Glob, MatchesReferenceOnRandomInputs) {
  std::mt19937 rng(12345);
  const char32_t pat_alpha[] = {U'a', U'b', U'?', U'*'};
  const char32_t val_alpha[] = {U'a', U'b', U'\n'};
  for (int iter = 0; iter < 4000; ++iter) {
    std::string pat;
    int plen = rng() % 6;
    for (int i = 0; i < plen; ++i) pat += static_cast<char>(pat_alpha[rng() % 4]);
    std::u32string v;
    int vlen = rng() % 8;
    for (int i = 0; i < vlen; ++i) v += val_alpha[rng() % (iter % 2 ? 3 : 2)];
    auto g = GlobPattern::compile(pat, nullptr);
    ASSERT_TRUE(g);
    const auto& t = g->tokens();
    std::vector<Token> rt(t.rbegin(), t.rend());
    std::u32string rv(v.rbegin(), v.rend());
    std::string sv = utf8(v);
    for (bool longest : {false, true}) {
      EXPECT_EQ(g->trim_prefix(sv, longest), utf8(ref_trim_prefix(t, v, longest)))
          << "pattern " << pat << " value " << sv << " longest " << longest;
      std::u32string r = ref_trim_prefix(rt, rv, longest);
      EXPECT_EQ(g->trim_suffix(sv, longest), utf8(std::u32string(r.rbegin(), r.rend())))
          << "suffix pattern " << pat << " value " << sv << " longest " << longest;
    }
    for (bool all : {false, true}) {
      EXPECT_EQ(g->replace(sv, "<>", all), utf8(ref_replace(t, v, U"<>", all)))
          << "replace pattern " << pat << " value " << sv << " all " << all;
    }
  }
}

TEST(Glob, NonAsciiAndManyDistinctLiterals) {
  std::string pat, val;
  for (int i = 0; i < 300; ++i) pat += "é";
  for (int i = 0; i < 400; ++i) val += "é";
  auto g = GlobPattern::compile(pat + "*", nullptr);
  ASSERT_TRUE(g);
  EXPECT_EQ(g->trim_prefix(val, false), val.substr(600));
  EXPECT_EQ(g->trim_prefix(val, true), "");
  auto k = GlobPattern::compile("국?", nullptr);
  EXPECT_EQ(k->replace("한국어국", "X", true), "한X국");
}

}  // namespace
}  // namespace dockml
