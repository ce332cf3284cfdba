#include "analyzer/lsp/code_actions.h"

#include <gtest/gtest.h>

namespace dockml::lsp {
namespace {

Diagnostic diag(SourcePtr src, const std::string& code, Span span) {
  Diagnostic d;
  d.code = code;
  d.source = std::move(src);
  d.span = span;
  return d;
}

TEST(LspCodeActions, IgnoreInsertsPragmaAboveTheInstructionWithItsIndent) {
  auto src = std::make_shared<SourceFile>("/w/Dockerfile", "FROM x\n  RUN a \\\n    b\n");
  Diagnostic d = diag(src, "DL3008", Span{20, 21});  // "b" on the continuation line
  auto edit = ignore_edit(*src, d, 1u);
  ASSERT_TRUE(edit);
  EXPECT_EQ(edit->span, (Span{7, 7}));
  EXPECT_EQ(edit->text, "  # dockml ignore=DL3008\n");
  // Without the instruction line, the diagnostic's own line.
  auto own = ignore_edit(*src, d, std::nullopt);
  EXPECT_EQ(own->span, (Span{17, 17}));
  EXPECT_EQ(own->text, "    # dockml ignore=DL3008\n");
}

TEST(LspCodeActions, IgnoreExtendsAnExistingPragmaAndKeepsCrlf) {
  auto src = std::make_shared<SourceFile>(
      "/w/Dockerfile", "FROM x\r\n# dockml ignore=DL3009 reason=legacy\r\nRUN a\r\n");
  Diagnostic d = diag(src, "DL3008", Span{46, 49});
  auto edit = ignore_edit(*src, d, std::nullopt);
  ASSERT_TRUE(edit);
  EXPECT_EQ(edit->span, (Span{30, 30}));
  EXPECT_EQ(edit->text, ",DL3008");
  d.code = "DL3009";
  EXPECT_FALSE(ignore_edit(*src, d, std::nullopt));
  auto crlf = std::make_shared<SourceFile>("/w/Dockerfile", "FROM x\r\nRUN a\r\n");
  EXPECT_EQ(ignore_edit(*crlf, diag(crlf, "DL3008", Span{8, 11}), std::nullopt)->text,
            "# dockml ignore=DL3008\r\n");
}

TEST(LspCodeActions, ApplySafeFixesSkipsOverlapsAndUnsafe) {
  SourceFile file("/w/Dockerfile", "RUN pip install a\n");
  auto src = std::make_shared<SourceFile>(file);
  std::vector<Diagnostic> diags;
  Diagnostic a = diag(src, "DL3042", Span{4, 7});
  a.fix = Fix{Applicability::kSafe, "Add --no-cache-dir", {Edit{Span{15, 15}, " --no-cache-dir"}}};
  Diagnostic b = diag(src, "XX", Span{4, 7});
  b.fix = Fix{Applicability::kSafe, "overlapping", {Edit{Span{15, 16}, "_"}}};
  Diagnostic c = diag(src, "YY", Span{0, 3});
  c.fix = Fix{Applicability::kUnsafe, "unsafe", {Edit{Span{0, 3}, "run"}}};
  Diagnostic e = diag(src, "ZZ", Span{16, 17});
  e.fix = Fix{Applicability::kSafe, "append", {Edit{Span{17, 17}, " b"}}};
  diags = {a, b, c, e};
  AppliedFixes out = apply_safe_fixes(file, diags);
  // b touches a's insertion at 15 and is skipped; e is independent.
  EXPECT_EQ(out.applied, 2u);
  EXPECT_EQ(out.text, "RUN pip install --no-cache-dir a b\n");
}

TEST(LspCodeActions, MinimalEditKeepsPrefixAndSuffixOnCharBoundaries) {
  Edit e = minimal_edit("RUN pip install a\n", "RUN pip install --no-cache-dir a\n");
  EXPECT_EQ(e.span, (Span{16, 16}));
  EXPECT_EQ(e.text, "--no-cache-dir ");
  Edit u = minimal_edit("x\xC3\xA9y", "x\xC3\xA8y");  // é -> è share the first byte
  EXPECT_EQ(u.span, (Span{1, 3}));
  EXPECT_EQ(u.text, "\xC3\xA8");
  Edit same = minimal_edit("abc", "abc");
  EXPECT_EQ(same.span, (Span{3, 3}));
  EXPECT_EQ(same.text, "");
}

TEST(LspCodeActions, KindFiltering) {
  EXPECT_TRUE(kind_requested("quickfix", {}));
  EXPECT_TRUE(kind_requested("source.fixAll.dockml", {"source"}));
  EXPECT_TRUE(kind_requested("source.fixAll.dockml", {"source.fixAll"}));
  EXPECT_FALSE(kind_requested("source.fixAll.dockml", {"source.fix"}));
  EXPECT_FALSE(kind_requested("quickfix", {"source.fixAll"}));
}

TEST(LspCodeActions, FixAllReLintsUntilNothingApplies) {
  auto src = std::make_shared<SourceFile>("/w/Dockerfile", "aaa");
  // Each round fixes the first 'a' into 'b'.
  auto lint = [](const SourcePtr& s) {
    std::vector<Diagnostic> out;
    size_t at = s->text().find('a');
    if (at == std::string_view::npos) return out;
    Diagnostic d = diag(s, "XX", Span{uint32_t(at), uint32_t(at + 1)});
    d.fix = Fix{Applicability::kSafe, "a->b", {Edit{d.span, "b"}}};
    out.push_back(d);
    return out;
  };
  EXPECT_EQ(fix_all_text(src, lint(src), lint), "bbb");
  EXPECT_EQ(fix_all_text(src, lint(src), lint, 2), "bba");
  auto clean = std::make_shared<SourceFile>("/w/Dockerfile", "bbb");
  EXPECT_EQ(fix_all_text(clean, lint(clean), lint), std::nullopt);
}

}  // namespace
}  // namespace dockml::lsp
