#include "analyzer/fix/fix_loop.h"

#include <gtest/gtest.h>

namespace dockml {
namespace {

Diagnostic with_fix(const SourcePtr& s, std::string code, Span span, Applicability a, std::vector<Edit> edits) {
  Diagnostic d;
  d.code = std::move(code);
  d.source = s;
  d.span = span;
  d.fix = Fix{a, "title of " + d.code, std::move(edits)};
  return d;
}

SourcePtr file(std::string text) { return std::make_shared<SourceFile>("/w/Dockerfile", std::move(text)); }

TEST(FixLoop, SelectionTakesWholeFixesInSpanOrderAndDefersClashes) {
  auto s = file("RUN pip install a\n");
  std::vector<Diagnostic> diags = {
      with_fix(s, "B", Span{4, 7}, Applicability::kSafe, {Edit{Span{15, 16}, "_"}}),
      with_fix(s, "A", Span{4, 7}, Applicability::kSafe, {Edit{Span{15, 15}, " --no-cache-dir"}}),
      with_fix(s, "U", Span{0, 3}, Applicability::kUnsafe, {Edit{Span{0, 3}, "run"}}),
      with_fix(s, "D", Span{0, 3}, Applicability::kDisplay, {Edit{Span{0, 3}, "xxx"}}),
      with_fix(s, "Z", Span{16, 17}, Applicability::kSafe, {Edit{Span{17, 17}, " b"}}),
  };
  FixSelection safe = select_fixes(*s, diags, false);
  ASSERT_EQ(safe.applied.size(), 2u);
  // A and B both start at 15: stable order keeps B first; A touches B and waits.
  EXPECT_EQ(safe.applied[0]->code, "B");
  EXPECT_EQ(safe.applied[1]->code, "Z");
  EXPECT_EQ(safe.deferred, 1u);
  FixSelection all = select_fixes(*s, diags, true);
  ASSERT_EQ(all.applied.size(), 3u);
  EXPECT_EQ(all.applied[0]->code, "U");
  EXPECT_EQ(all.edits.front().text, "run");
}

TEST(FixLoop, FixWithOverlappingOwnEditsIsNeverApplied) {
  auto s = file("abcdef");
  std::vector<Diagnostic> diags = {
      with_fix(s, "X", Span{0, 1}, Applicability::kSafe, {Edit{Span{0, 3}, "1"}, Edit{Span{2, 4}, "2"}}),
      with_fix(s, "Y", Span{0, 1}, Applicability::kSafe, {Edit{Span{5, 9}, "oops"}}),
  };
  FixSelection sel = select_fixes(*s, diags, false);
  EXPECT_TRUE(sel.applied.empty());
  EXPECT_EQ(sel.deferred, 0u);
}

// Each round fixes the first 'a' into 'b'.
std::vector<Diagnostic> a_to_b(const SourcePtr& s) {
  std::vector<Diagnostic> out;
  size_t at = s->text().find('a');
  if (at == std::string_view::npos) return out;
  Span span{uint32_t(at), uint32_t(at + 1)};
  out.push_back(with_fix(s, "AB", span, Applicability::kSafe, {Edit{span, "b"}}));
  return out;
}

TEST(FixLoop, ReLintsUntilNothingApplies) {
  auto s = file("aaa");
  FixLoopResult r = run_fix_loop(s, a_to_b(s), a_to_b);
  EXPECT_EQ(r.text, "bbb");
  EXPECT_TRUE(r.changed);
  EXPECT_EQ(r.fixes_applied, 3u);
  EXPECT_EQ(r.rounds, 3);
  EXPECT_EQ(r.applied_by_code.at("AB"), 3u);
  EXPECT_TRUE(r.remaining.empty());
  EXPECT_EQ(r.error, "");
  EXPECT_EQ(r.source->text(), "bbb");
}

TEST(FixLoop, NonConvergenceIsAnErrorNamingTheRules) {
  auto s = file("aaaa");
  FixLoopOptions o;
  o.max_rounds = 2;
  FixLoopResult r = run_fix_loop(s, a_to_b(s), a_to_b, o);
  EXPECT_EQ(r.text, "bbaa");
  EXPECT_EQ(r.error, "fixes did not converge after 2 rounds (rules still fixing: AB)");
  EXPECT_EQ(r.error_codes, std::vector<std::string>{"AB"});
  ASSERT_EQ(r.remaining.size(), 1u);
}

TEST(FixLoop, CycleIsDetected) {
  // X turns "x" into "y", Y turns "y" back into "x".
  auto flip = [](const SourcePtr& s) {
    std::vector<Diagnostic> out;
    Span all{0, 1};
    if (s->text() == "x") out.push_back(with_fix(s, "X", all, Applicability::kSafe, {Edit{all, "y"}}));
    if (s->text() == "y") out.push_back(with_fix(s, "Y", all, Applicability::kSafe, {Edit{all, "x"}}));
    return out;
  };
  auto s = file("x");
  FixLoopResult r = run_fix_loop(s, flip(s), flip);
  EXPECT_EQ(r.text, "y");
  EXPECT_EQ(r.error, "fixes go round in a cycle (rules involved: Y)");
}

TEST(FixLoop, FixThatBreaksParsingIsSkippedAndReported) {
  // GOOD uppercases "a"; BAD inserts "!" which the fake linter reports as DF001.
  auto lint = [](const SourcePtr& s) {
    std::vector<Diagnostic> out;
    std::string_view t = s->text();
    for (uint32_t i = 0; i < t.size(); ++i) {
      if (t[i] == '!') {
        Diagnostic d;
        d.code = "DF001";
        d.source = s;
        d.span = Span{i, i + 1};
        out.push_back(d);
      }
    }
    size_t a = t.find('a');
    if (a != std::string_view::npos) {
      Span sp{uint32_t(a), uint32_t(a + 1)};
      out.push_back(with_fix(s, "GOOD", sp, Applicability::kSafe, {Edit{sp, "A"}}));
    }
    if (t.ends_with("z")) {
      Span end{uint32_t(t.size()), uint32_t(t.size())};
      out.push_back(with_fix(s, "BAD", end, Applicability::kSafe, {Edit{end, "!"}}));
    }
    return out;
  };
  auto s = file("a z");
  FixLoopResult r = run_fix_loop(s, lint(s), lint);
  EXPECT_EQ(r.text, "A z");
  EXPECT_EQ(r.applied_by_code.at("GOOD"), 1u);
  EXPECT_EQ(r.applied_by_code.count("BAD"), 0u);
  EXPECT_EQ(r.error_codes, std::vector<std::string>{"BAD"});
  EXPECT_EQ(r.error,
            "fixes that would break parsing or the file's BOM, line endings or final newline were not "
            "applied (rules: BAD)");
}

TEST(FixLoop, FormatGuard) {
  SourceFile crlf("/w/Dockerfile", "FROM a\r\nRUN b\r\n");
  EXPECT_TRUE(keeps_file_format(crlf, "FROM a\r\nRUN c\r\nRUN d\r\n"));
  EXPECT_FALSE(keeps_file_format(crlf, "FROM a\r\nRUN c\nRUN d\r\n"));
  SourceFile bom("/w/Dockerfile", "\xEF\xBB\xBF" "FROM a");
  EXPECT_TRUE(keeps_file_format(bom, "\xEF\xBB\xBF" "from a"));
  EXPECT_FALSE(keeps_file_format(bom, "from a"));
  EXPECT_FALSE(keeps_file_format(bom, "\xEF\xBB\xBF" "FROM a\n"));
  SourceFile lf("/w/Dockerfile", "FROM a\n");
  EXPECT_FALSE(keeps_file_format(lf, "FROM a"));
}

TEST(FixLoop, UnsafeOnlyWhenAsked) {
  auto s = file("x");
  std::vector<Diagnostic> diags = {with_fix(s, "U", Span{0, 1}, Applicability::kUnsafe, {Edit{Span{0, 1}, "y"}})};
  auto none = [](const SourcePtr&) { return std::vector<Diagnostic>{}; };
  EXPECT_FALSE(run_fix_loop(s, diags, none).changed);
  FixLoopOptions o;
  o.unsafe = true;
  EXPECT_EQ(run_fix_loop(s, diags, none, o).text, "y");
}

}  // namespace
}  // namespace dockml
