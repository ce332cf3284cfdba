#include "analyzer/dockerfile/parser.h"

#include <gtest/gtest.h>


#include "analyzer/dockerfile/dump.h"

namespace dockml {
namespace {

Dockerfile parse(std::string text) {
  return parse_dockerfile(std::make_shared<SourceFile>("Dockerfile", std::move(text)));
}

std::string slice(const Dockerfile& df, Span s) { return std::string(df.source->slice(s)); }

std::string errors(const Dockerfile& df) {
  std::string out;
  for (const auto& e : df.errors) {
    Position p = df.source->position(e.span.begin);
    out += std::to_string(p.line + 1) + ":" + std::to_string(p.column + 1) + " [" +
           slice(df, e.span) + "] " + e.message + "\n";
  }
  return out;
}

// ---- directives ----

TEST(ParserDirectives, CaseInsensitiveKeysAndWhitespace) {
  Dockerfile df = parse("#  EScape =  `  \n# SYNTAX=docker/dockerfile:1 opts\nFROM a `\n  b\n");
  EXPECT_EQ(errors(df), "");
  ASSERT_EQ(df.directives.size(), 2u);
  EXPECT_EQ(df.directives[0].key, "escape");
  EXPECT_EQ(df.directives[0].value, "`");
  EXPECT_EQ(slice(df, df.directives[0].value_span), "`");
  EXPECT_EQ(df.directives[1].key, "syntax");
  EXPECT_EQ(df.directives[1].value, "docker/dockerfile:1 opts");
  EXPECT_EQ(df.escape, '`');
  EXPECT_EQ(dump_buildkit(df), "(from \"a\" \"b\")\n");
  EXPECT_TRUE(df.comments.empty());
}

TEST(ParserDirectives, ScanningStopsAtFirstNonDirective) {
  Dockerfile df = parse("# hello\n# escape=`\nFROM a \\\n b\n");
  EXPECT_TRUE(df.directives.empty());
  EXPECT_EQ(df.escape, '\\');
  EXPECT_EQ(dump_buildkit(df), "(from \"a\" \"b\")\n");
  ASSERT_EQ(df.comments.size(), 2u);
  EXPECT_EQ(df.comments[1].text, " escape=`");

  EXPECT_TRUE(parse("\n# escape=`\nFROM a\n").directives.empty());       // blank line
  EXPECT_TRUE(parse("#!/bin/sh\n# escape=`\nFROM a\n").directives.empty());  // shebang
  EXPECT_TRUE(parse("# unknown=1\n# escape=`\nFROM a\n").directives.empty());
  EXPECT_TRUE(parse("FROM a\n# escape=`\n").directives.empty());
}

TEST(ParserDirectives, DuplicateAndInvalidEscape) {
  Dockerfile dup = parse("# escape=\\\n# escape=`\nFROM a\n");
  EXPECT_EQ(errors(dup),
            "2:1 [# escape=`] only one escape parser directive can be used: expected a single "
            "`# escape=` line at the top of the file\n");
  Dockerfile bad = parse("# escape=x\nFROM a\n");
  EXPECT_EQ(errors(bad), "1:10 [x] invalid escape token 'x' does not match ` or \\\n");
  EXPECT_EQ(bad.instructions.size(), 1u);
}

TEST(ParserDirectives, BomBeforeDirective) {
  Dockerfile df = parse("\xEF\xBB\xBF# escape=`\nFROM a`\nb\n");
  EXPECT_EQ(errors(df), "");
  ASSERT_EQ(df.directives.size(), 1u);
  EXPECT_EQ(df.directives[0].span, (Span{3, 13}));
  EXPECT_EQ(dump_buildkit(df), "(from \"ab\")\n");
}

TEST(ParserDirectives, BomOnlyStrippedFromFirstLine) {
  Dockerfile df = parse("\xEF\xBB\xBF" "FROM a\n\xEF\xBB\xBFRUN b\n");
  EXPECT_EQ(df.instructions[0].kind, InstructionKind::kFrom);
  EXPECT_EQ(df.instructions[0].keyword_span, (Span{3, 7}));
  EXPECT_EQ(df.instructions[1].kind, InstructionKind::kUnknown);
}

// ---- continuations and comments ----

TEST(ParserContinuation, JoinsWithoutInsertingAndKeepsIndent) {
  Dockerfile df = parse("RUN echo hello\\\n  world\nRUN echo good\\\nbye\n");
  EXPECT_EQ(dump_buildkit(df), "(run \"echo hello  world\")\n(run \"echo goodbye\")\n");
}

TEST(ParserContinuation, EvenEscapesDoNotContinue) {
  Dockerfile df = parse("ENV C a\\\\\nENV D b\\\\\\\nENV E c\\ \t\nx\n");
  EXPECT_EQ(dump_buildkit(df),
            "(env \"C\" \"a\\\\\\\\\" \"\")\n(env \"D\" \"b\\\\\\\\\\\\\" \"\")\n"
            "(env \"E\" \"cx\" \"\")\n");
}

TEST(ParserContinuation, EscapeOnlyLinesCommentsAndBlankLines) {
  Dockerfile df = parse(
      "RUN a \\\n"
      "\\\n"
      "  # comment inside\n"
      "\n"
      "   \n"
      "b\n"
      "FROM x\n");
  EXPECT_EQ(errors(df), "");
  ASSERT_EQ(df.instructions.size(), 2u);
  EXPECT_EQ(df.instructions[0].args[0].text, "a b");
  EXPECT_EQ(df.instructions[0].start_line, 0u);
  EXPECT_EQ(df.instructions[0].end_line, 5u);
  ASSERT_EQ(df.empty_continuations.size(), 2u);
  EXPECT_EQ(df.empty_continuations[0].instruction, 0u);
  EXPECT_EQ(df.empty_continuations[0].line, (Span{29, 29}));
  EXPECT_EQ(df.empty_continuations[1].line, (Span{30, 33}));
  ASSERT_EQ(df.warnings.size(), 1u);
  ASSERT_EQ(df.comments.size(), 1u);
  EXPECT_EQ(df.comments[0].text, " comment inside");
  EXPECT_EQ(slice(df, df.comments[0].span), "# comment inside");
}

TEST(ParserContinuation, CommentsNeverContinue) {
  Dockerfile df = parse("# RUN Commands \\\nRUN a\n");
  EXPECT_EQ(dump_buildkit(df), "(run \"a\")\n");
  ASSERT_EQ(df.instructions[0].comments_before.size(), 1u);
  EXPECT_EQ(df.instructions[0].comments_before[0].text, " RUN Commands \\");
}

TEST(ParserContinuation, ContinuationAtEndOfFile) {
  Dockerfile df = parse("FROM a\nRUN b \\");
  EXPECT_EQ(errors(df), "");
  EXPECT_EQ(dump_buildkit(df), "(from \"a\")\n(run \"b\")\n");
}

TEST(ParserContinuation, CrlfParsesLikeLf) {
  Dockerfile df = parse("FROM a\r\nRUN b \\\r\n  c\r\n");
  EXPECT_EQ(dump_buildkit(df), "(from \"a\")\n(run \"b   c\")\n");
  EXPECT_EQ(df.instructions[1].span, (Span{8, 20}));
}

TEST(ParserComments, CommentBlockAboveInstruction) {
  Dockerfile df = parse("FROM a\n# one\n\n# two\nRUN x\n#\n# three\nRUN y\n");
  ASSERT_EQ(df.instructions.size(), 3u);
  ASSERT_EQ(df.instructions[1].comments_before.size(), 2u);
  EXPECT_EQ(df.instructions[1].comments_before[0].text, " one");
  ASSERT_EQ(df.instructions[2].comments_before.size(), 1u);  // the empty `#` reset the block
  EXPECT_EQ(df.instructions[2].comments_before[0].text, " three");
}

// ---- spans ----

TEST(ParserSpans, WordsInsideContinuedLines) {
  std::string text = "FROM base\nCOPY --chown=a:b \\\n    src1 \\\n  src2   /dst\n";
  Dockerfile df = parse(text);
  const Instruction& copy = df.instructions[1];
  ASSERT_EQ(copy.args.size(), 3u);
  EXPECT_EQ(copy.args[0].span, (Span{33, 37}));
  EXPECT_EQ(slice(df, copy.args[1].span), "src2");
  EXPECT_EQ(slice(df, copy.args[2].span), "/dst");
  ASSERT_EQ(copy.flags.size(), 1u);
  EXPECT_EQ(slice(df, copy.flags[0].span), "--chown=a:b");
  EXPECT_EQ(slice(df, copy.flags[0].name_span), "--chown");
  EXPECT_EQ(slice(df, copy.flags[0].value_span), "a:b");
  EXPECT_EQ(copy.span, (Span{10, 53}));
  EXPECT_EQ(copy.rest.text, "src1   src2   /dst");
  EXPECT_EQ(slice(df, copy.rest.to_source(0, 18)), "src1 \\\n  src2   /dst");
  EXPECT_EQ(copy.rest.source_offset(7), 42u);
}

TEST(ParserSpans, WordSpanningAContinuation) {
  Dockerfile df = parse("RUN ec\\\nho hi\n");
  EXPECT_EQ(df.instructions[0].args[0].text, "echo hi");
  EXPECT_EQ(slice(df, df.instructions[0].args[0].span), "ec\\\nho hi");
}

// ---- flags ----

TEST(ParserFlags, QuotesEscapesAndTerminator) {
  Dockerfile df = parse(
      "COPY --from=\"my stage\" --chmod='7''55' --x=a\\ b --link -- --notflag /d\n");
  const Instruction& i = df.instructions[0];
  ASSERT_EQ(i.flags.size(), 4u);
  EXPECT_EQ(i.flags[0].name, "from");
  EXPECT_EQ(i.flags[0].value, "my stage");
  EXPECT_EQ(slice(df, i.flags[0].value_span), "\"my stage\"");
  EXPECT_EQ(i.flags[1].value, "755");
  EXPECT_EQ(i.flags[2].value, "a b");
  EXPECT_EQ(i.flags[3].name, "link");
  EXPECT_FALSE(i.flags[3].has_value);
  EXPECT_EQ(i.find_flag("chmod"), &i.flags[1]);
  EXPECT_EQ(i.find_flag("chown"), nullptr);
  EXPECT_EQ(dump_buildkit(df),
            "(copy [\"--from=my stage\" \"--chmod=755\" \"--x=a b\" \"--link\"] \"--notflag\" "
            "\"/d\")\n");
}

TEST(ParserFlags, FlagsOnEveryInstructionAndSingleDashIsNotAFlag) {
  Dockerfile df = parse("ENV --foo=bar A=b\nRUN -x --y\n");
  EXPECT_EQ(dump_buildkit(df), "(env [\"--foo=bar\"] \"A\" \"b\" \"=\")\n(run \"-x --y\")\n");
}

// ---- JSON form ----

TEST(ParserJson, ExecFormWithSpans) {
  Dockerfile df = parse("CMD [ \"a b\", \"\\u00e9\\/\" ]\n");
  const Instruction& i = df.instructions[0];
  EXPECT_TRUE(i.json_form);
  ASSERT_EQ(i.args.size(), 2u);
  EXPECT_EQ(i.args[1].text, "\xC3\xA9/");
  EXPECT_EQ(slice(df, i.args[0].span), "\"a b\"");
  EXPECT_EQ(slice(df, i.args[1].span), "\"\\u00e9\\/\"");
}

TEST(ParserJson, FallbackToShellForm) {
  const char* cases[] = {"CMD ['a']\n", "CMD [\"a\",]\n", "CMD [\"a\"] # c\n", "CMD [\"a\"\n",
                         "CMD [1e999]\n", "CMD [\"a\\x\"]\n"};
  for (const char* c : cases) {
    Dockerfile df = parse(c);
    SCOPED_TRACE(c);
    EXPECT_EQ(errors(df), "");
    EXPECT_FALSE(df.instructions[0].json_form);
    EXPECT_EQ(df.instructions[0].args.size(), 1u);
  }
}

TEST(ParserJson, NonStringElementIsAHardError) {
  Dockerfile df = parse("FROM a\nCMD [\"echo\", [\"nested\"]]\nRUN [\"a\", 1]\n");
  EXPECT_EQ(errors(df),
            "2:14 [[\"nested\"]] when using JSON array syntax, arrays must be comprised of strings "
            "only: expected a string, found an array\n"
            "3:11 [1] when using JSON array syntax, arrays must be comprised of strings only: "
            "expected a string, found a number\n");
  EXPECT_TRUE(df.instructions[1].has_parse_error);
  EXPECT_EQ(df.instructions.size(), 3u);
}

TEST(ParserJson, AddCopyVolumeSplitWithoutQuotes) {
  Dockerfile df = parse("COPY \"a b\" c\nVOLUME [\"/x\", \"/y\"]\n");
  EXPECT_EQ(dump_buildkit(df), "(copy \"\\\"a\" \"b\\\"\" \"c\")\n(volume \"/x\" \"/y\")\n");
}

// ---- ENV / LABEL / ARG ----

TEST(ParserEnv, KeyValueAndLegacyForms) {
  Dockerfile df = parse("ENV A=1 B=\"x y\" C=\nENV D  legacy value = x\nLABEL \"k\"=v\n");
  EXPECT_EQ(errors(df), "");
  const Instruction& e = df.instructions[0];
  ASSERT_EQ(e.pairs.size(), 3u);
  EXPECT_EQ(e.pairs[1].key.text, "B");
  EXPECT_EQ(e.pairs[1].value.text, "\"x y\"");
  EXPECT_EQ(slice(df, e.pairs[1].value.span), "\"x y\"");
  EXPECT_EQ(slice(df, e.pairs[1].span), "B=\"x y\"");
  EXPECT_TRUE(e.pairs[2].has_equals);
  EXPECT_EQ(e.pairs[2].value.text, "");
  const Instruction& l = df.instructions[1];
  ASSERT_EQ(l.pairs.size(), 1u);
  EXPECT_FALSE(l.pairs[0].has_equals);
  EXPECT_EQ(l.pairs[0].value.text, "legacy value = x");
  EXPECT_EQ(dump_buildkit(df),
            "(env \"A\" \"1\" \"=\" \"B\" \"\\\"x y\\\"\" \"=\" \"C\" \"\" \"=\")\n"
            "(env \"D\" \"legacy value = x\" \"\")\n(label \"\\\"k\\\"\" \"v\" \"=\")\n");
}

TEST(ParserEnv, Errors) {
  Dockerfile df = parse("FROM a\nENV PATH\nENV A=1 B\nLABEL x\n");
  EXPECT_EQ(errors(df),
            "2:5 [PATH] ENV must have two arguments: expected a value after `PATH` (`ENV "
            "PATH=value` or `ENV PATH value`)\n"
            "3:9 [B] Syntax error - can't find = in \"B\". Must be of the form: name=value\n"
            "4:7 [x] LABEL must have two arguments: expected a value after `x` (`LABEL x=value` "
            "or `LABEL x value`)\n");
  EXPECT_EQ(df.instructions.size(), 4u);
}

TEST(ParserEnv, HashIsNotAComment) {
  Dockerfile df = parse("ENV A=b # c\n");
  EXPECT_EQ(errors(df), "1:9 [#] Syntax error - can't find = in \"#\". Must be of the form: "
                        "name=value\n");
}

TEST(ParserArg, NamesAndDefaults) {
  Dockerfile df = parse("ARG foo bar=\"1 2\" =x\n");
  const Instruction& i = df.instructions[0];
  ASSERT_EQ(i.pairs.size(), 3u);
  EXPECT_EQ(i.pairs[0].key.text, "foo");
  EXPECT_FALSE(i.pairs[0].has_equals);
  EXPECT_EQ(i.pairs[1].value.text, "\"1 2\"");
  EXPECT_EQ(slice(df, i.pairs[1].key.span), "bar");
  EXPECT_EQ(i.pairs[2].key.text, "");
  EXPECT_EQ(dump_buildkit(df), "(arg \"foo\" \"bar=\\\"1 2\\\"\" \"=x\")\n");
}

// ---- heredocs ----

TEST(ParserHeredoc, BasicBodyAndSpans) {
  std::string text = "FROM a\nRUN <<EOF\necho hi\n# not a comment \\\nEOF\nRUN b\n";
  Dockerfile df = parse(text);
  EXPECT_EQ(errors(df), "");
  ASSERT_EQ(df.instructions.size(), 3u);
  const Instruction& r = df.instructions[1];
  ASSERT_EQ(r.heredocs.size(), 1u);
  const Heredoc& h = r.heredocs[0];
  EXPECT_EQ(h.name, "EOF");
  EXPECT_TRUE(h.expand);
  EXPECT_EQ(h.fd, -1);
  EXPECT_EQ(h.body, "echo hi\n# not a comment \\\n");
  EXPECT_EQ(slice(df, h.marker_span), "<<EOF");
  EXPECT_EQ(h.body_span, (Span{17, 43}));
  EXPECT_EQ(slice(df, h.terminator_span), "EOF");
  EXPECT_EQ(r.start_line, 1u);
  EXPECT_EQ(r.end_line, 4u);
  EXPECT_EQ(slice(df, r.span), "RUN <<EOF\necho hi\n# not a comment \\\nEOF");
  EXPECT_TRUE(df.comments.empty());
}

TEST(ParserHeredoc, SeveralOnOneLineConsumedInOrder) {
  Dockerfile df = parse("COPY <<X <<Y /dest\nY\nX\nX\nY\n");
  EXPECT_EQ(errors(df), "");
  const auto& hs = df.instructions[0].heredocs;
  ASSERT_EQ(hs.size(), 2u);
  EXPECT_EQ(hs[0].name, "X");
  EXPECT_EQ(hs[0].body, "Y\n");
  EXPECT_EQ(hs[1].name, "Y");
  EXPECT_EQ(hs[1].body, "X\n");
  EXPECT_EQ(dump_buildkit(df), "(copy \"<<X\" \"<<Y\" \"/dest\")\n");
}

TEST(ParserHeredoc, ChompQuotingAndFd) {
  Dockerfile df = parse(
      "RUN 3<<-'EOT' cat\n\tbody\n\t\tdeeper\n\tEOT\n"
      "RUN <<eo'f'\nx\neof\n"
      "RUN <<eo\\'f\nx\neo'f\n"
      "RUN << \"A B\"\nx\nA B\n");
  EXPECT_EQ(errors(df), "");
  ASSERT_EQ(df.instructions.size(), 4u);
  const Heredoc& a = df.instructions[0].heredocs.at(0);
  EXPECT_EQ(a.name, "EOT");
  EXPECT_TRUE(a.chomp_tabs);
  EXPECT_FALSE(a.expand);
  EXPECT_EQ(a.fd, 3);
  EXPECT_EQ(a.body, "body\ndeeper\n");
  EXPECT_EQ(slice(df, a.body_span), "\tbody\n\t\tdeeper\n");
  EXPECT_EQ(slice(df, a.terminator_span), "\tEOT");
  EXPECT_EQ(df.instructions[1].heredocs.at(0).name, "eof");
  EXPECT_FALSE(df.instructions[1].heredocs.at(0).expand);
  EXPECT_EQ(df.instructions[2].heredocs.at(0).name, "eo'f");
  EXPECT_TRUE(df.instructions[2].heredocs.at(0).expand);
  EXPECT_EQ(df.instructions[3].heredocs.at(0).name, "A B");
  EXPECT_EQ(slice(df, df.instructions[3].heredocs.at(0).marker_span), "<< \"A B\"");
}

TEST(ParserHeredoc, CrlfBodyKeepsCarriageReturns) {
  Dockerfile df = parse("RUN <<EOF\r\nline\r\nEOF\r\nFROM a\r\n");
  EXPECT_EQ(errors(df), "");
  EXPECT_EQ(df.instructions[0].heredocs.at(0).body, "line\r\n");
  EXPECT_EQ(df.instructions.size(), 2u);
}

TEST(ParserHeredoc, NotHeredocs) {
  Dockerfile df = parse(
      "RUN [\"<<EOF\"]\nUSER <<X\nRUN \"<<EOF\"\nRUN echo a<<b\nRUN <<<EOF\n"
      "RUN <<EOF echo it's\nRUN x\n");
  EXPECT_EQ(errors(df), "");
  ASSERT_EQ(df.instructions.size(), 7u);
  for (const auto& i : df.instructions) EXPECT_TRUE(i.heredocs.empty()) << i.keyword;
}

TEST(ParserHeredoc, OnbuildAndMountFlags) {
  Dockerfile df = parse("ONBUILD RUN <<EOF\nx\nEOF\nRUN --mount=type=cache,target=/c <<EOT\ny\nEOT\n");
  EXPECT_EQ(errors(df), "");
  ASSERT_EQ(df.instructions.size(), 2u);
  EXPECT_EQ(df.instructions[0].heredocs.at(0).body, "x\n");
  ASSERT_TRUE(df.instructions[0].trigger);
  EXPECT_EQ(df.instructions[0].trigger->kind, InstructionKind::kRun);
  EXPECT_EQ(df.instructions[1].heredocs.at(0).body, "y\n");
}

TEST(ParserHeredoc, Unterminated) {
  Dockerfile df = parse("FROM a\nRUN cat <<EOF\nbody\n");
  EXPECT_EQ(errors(df),
            "2:9 [<<EOF] unterminated heredoc: expected a line `EOF` before the end of the file\n");
  const Heredoc& h = df.instructions[1].heredocs.at(0);
  EXPECT_EQ(h.body, "body\n");
  EXPECT_TRUE(h.terminator_span.empty());
  EXPECT_TRUE(df.instructions[1].has_parse_error);
}

// ---- other instruction forms ----

TEST(ParserForms, OnbuildHealthcheckUnknownAndRestOfLine) {
  Dockerfile df = parse(
      "ONBUILD ADD --chown=1 . /app\nHEALTHCHECK --retries=3 CMD [\"c\"]\nHEALTHCHECK NONE\n"
      "frOM  a  AS   b\nUSER a b\nFOO bar baz\nRUN\n");
  EXPECT_EQ(dump_buildkit(df),
            "(onbuild (add [\"--chown=1\"] \".\" \"/app\"))\n"
            "(healthcheck [\"--retries=3\"] \"CMD\" \"c\")\n"
            "(healthcheck \"NONE\")\n"
            "(from \"a\" \"AS\" \"b\")\n"
            "(user \"a b\")\n"
            "(foo \"\")\n"
            "(run)\n");
  const Instruction& on = df.instructions[0];
  ASSERT_TRUE(on.trigger);
  EXPECT_EQ(slice(df, on.trigger->keyword_span), "ADD");
  EXPECT_EQ(slice(df, on.trigger->flags.at(0).span), "--chown=1");
  EXPECT_EQ(on.rest.text, "ADD --chown=1 . /app");
  EXPECT_TRUE(df.instructions[1].json_form);
  EXPECT_EQ(df.instructions[3].kind, InstructionKind::kFrom);
  EXPECT_EQ(df.instructions[3].keyword, "frOM");
}

TEST(ParserForms, BacktickEscape) {
  Dockerfile df = parse("# escape=`\nFROM a\nCOPY x c:\\ `\n  d\\\nENV P=C:\\go Q=a` b\n");
  EXPECT_EQ(errors(df), "");
  EXPECT_EQ(dump_buildkit(df),
            "(from \"a\")\n(copy \"x\" \"c:\\\\\" \"d\\\\\")\n"
            "(env \"P\" \"C:\\\\go\" \"=\" \"Q\" \"a` b\" \"=\")\n");
}

// ---- file level ----

TEST(ParserFile, NoInstructions) {
  EXPECT_EQ(errors(parse("")),
            "1:1 [] file with no instructions: expected at least one instruction such as FROM\n");
  EXPECT_EQ(parse("# only\n\n# comments\n").errors.size(), 1u);
}

TEST(ParserFile, LineLengthLimit) {
  std::string ok = "RUN " + std::string(65531, 'a');  // 65535 bytes
  EXPECT_EQ(parse(ok + "\n").errors.size(), 0u);
  EXPECT_EQ(parse(ok).errors.size(), 0u);
  std::string bad = ok + "a";  // 65536 bytes
  Dockerfile df = parse("FROM x\n" + bad + "\nRUN y\n");
  ASSERT_EQ(df.errors.size(), 1u);
  EXPECT_EQ(df.errors[0].span, (Span{7, 7 + 65536}));
  EXPECT_EQ(df.errors[0].message.rfind("dockerfile line greater than max allowed size of 65535", 0),
            0u);
  EXPECT_EQ(df.instructions.size(), 2u);
}

TEST(ParserFile, LinearTimeOnLargeInputs) {
  std::string run = "FROM a\nRUN true";
  for (int i = 0; i < 5000; ++i) run += " \\\n  && echo " + std::to_string(i);
  run += "\n";
  Dockerfile df = parse(run);
  ASSERT_EQ(df.instructions.size(), 2u);
  EXPECT_EQ(df.instructions[1].rest.segments.size(), 5001u);

  std::string big;
  big.reserve(50u << 20);
  big += "FROM a\n";
  while (big.size() < (50u << 20)) big += "RUN apt-get install -y pkg && echo \"x y\" \\\n   z\n";
  Dockerfile bigdf = parse(big);
  EXPECT_TRUE(bigdf.errors.empty());  // a hang is caught by the ctest timeout, not a clock here
}

}  // namespace
}  // namespace dockml
