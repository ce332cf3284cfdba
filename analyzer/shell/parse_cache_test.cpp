#include "analyzer/shell/parse_cache.h"

#include <gtest/gtest.h>

#include <memory>
#include <sstream>
#include <string>

#include "analyzer/dockerfile/expand.h"
#include "analyzer/engine/engine.h"
#include "analyzer/shell/shell_test_util.h"

namespace dockml::shell {
namespace {

using testing::make_run;

// Every field of a parse, spans included, as text: two parses are the same when this is.
std::string dump(const ShellScript& s) {
  std::ostringstream o;
  o << static_cast<int>(s.status) << '|' << s.reason << '|' << s.text << '|' << s.tree_depth << '\n';
  for (const Span& e : s.syntax_errors) o << "err " << e.begin << '-' << e.end << '\n';
  for (const auto& seg : s.segments_) o << "seg " << seg.logical_begin << ' ' << seg.source_begin << ' ' << seg.length << '\n';
  auto word = [&](const ShellWord& w) {
    o << " [" << w.raw << "|" << w.value << "|" << w.is_static << "|" << w.span.begin << '-' << w.span.end << '|'
      << w.logical_begin << '-' << w.logical_end << '|' << w.value_shift << ']';
  };
  for (const ShellExport& e : s.exports) {
    o << "export " << e.name << ' ' << e.logical_begin << '-' << e.logical_end << ' ' << e.scope_begin << '-'
      << e.scope_end;
    word(e.word);
    o << '\n';
  }
  for (const ShellCommand& c : s.commands) {
    o << "cmd " << c.span.begin << '-' << c.span.end << ' ' << c.program << ' ' << static_cast<int>(c.before) << ' '
      << static_cast<int>(c.after) << ' ' << c.context << ' ' << c.pipeline << ' ' << c.pipeline_index << ' '
      << c.logical_begin << '-' << c.logical_end << ':';
    for (const ShellWord& w : c.assignments) word(w);
    o << " /";
    for (const ShellWord& w : c.argv) word(w);
    for (const Redirect& r : c.redirects) {
      o << " " << r.op;
      word(r.target);
    }
    o << '\n';
  }
  return o.str();
}

// `src` after `pad` bytes of comment lines, so the same RUN sits at another offset.
std::string padded(const std::string& run, size_t lines) {
  std::string out;
  for (size_t i = 0; i < lines; ++i) out += "#\n";
  return out + run;
}

ShellScript parse_at(const std::string& src, size_t run_offset, const ShellOptions& options) {
  Instruction run;
  run.kind = InstructionKind::kRun;
  run.rest = testing::join_continuations(src, static_cast<uint32_t>(run_offset + 4),
                                          static_cast<uint32_t>(src.size() - 1));
  SourceFile file("Dockerfile", src);
  return parse_run(run, file, options);
}

const std::string kRun =
    "RUN export A=1 && pip install \\\n  torch==${TORCH} 'x y' > /log 2>&1 || (echo $(uname -m) | tee f)\n";

TEST(ParseCache, HitAtAnotherOffsetEqualsAFreshParse) {
  VarMap vars;
  vars.set("TORCH", "2.1.0");
  ShellOptions options;
  options.vars = &vars;
  ParseCache cache;
  std::string first = padded(kRun, 0);
  std::string moved = padded(kRun, 7);  // 14 bytes later
  {
    ScopedParseCache scope(&cache);
    EXPECT_EQ(dump(parse_at(first, 0, options)), dump(parse_at(first, 0, ShellOptions{{"/bin/sh", "-c"}, &vars})));
    ShellScript again = parse_at(moved, 14, options);
    EXPECT_EQ(cache.hits(), 2u);  // the second call of the line above and this one
    EXPECT_EQ(cache.misses(), 1u);
    ShellScript fresh;
    {
      ScopedParseCache none(nullptr);
      fresh = parse_at(moved, 14, options);
    }
    EXPECT_EQ(dump(again), dump(fresh));
    ASSERT_EQ(again.exports.size(), 1u);  // `export A=1`, moved with the rest
    EXPECT_EQ(again.exports[0].word.span.begin, moved.find("A=1"));
    // The word `torch==2.1.0` sits at its new place.
    size_t at = moved.find("torch==");
    bool found = false;
    for (const ShellCommand& c : again.commands)
      for (const ShellWord& w : c.argv)
        if (w.value == "torch==2.1.0") {
          found = true;
          EXPECT_EQ(w.span.begin, at);
          EXPECT_EQ(w.span.end, at + std::string("torch==${TORCH}").size());
        }
    EXPECT_TRUE(found);
  }
}

TEST(ParseCache, AChangedVariableIsParsedAgain) {
  ParseCache cache;
  ScopedParseCache scope(&cache);
  VarMap one;
  one.set("TORCH", "2.1.0");
  VarMap two;
  two.set("TORCH", "2.2.0");
  VarMap unrelated;  // same TORCH, another variable the script never reads
  unrelated.set("TORCH", "2.1.0");
  unrelated.set("OTHER", "x");
  ShellOptions options;
  options.vars = &one;
  std::string src = padded(kRun, 0);
  parse_at(src, 0, options);
  options.vars = &two;
  ShellScript second = parse_at(src, 0, options);
  EXPECT_EQ(cache.misses(), 2u);
  EXPECT_NE(dump(second).find("torch==2.2.0"), std::string::npos);
  options.vars = &unrelated;
  ShellScript third = parse_at(src, 0, options);
  EXPECT_EQ(cache.hits(), 1u);
  EXPECT_NE(dump(third).find("torch==2.1.0"), std::string::npos);
  options.vars = nullptr;  // every variable unknown: another parse
  ShellScript fourth = parse_at(src, 0, options);
  EXPECT_EQ(cache.misses(), 3u);
  EXPECT_NE(dump(fourth).find("torch==${TORCH}"), std::string::npos);
}

TEST(ParseCache, ShellLayoutAndContextAreKeys) {
  ParseCache cache;
  ScopedParseCache scope(&cache);
  std::string plain = "RUN echo a b\n";
  std::string continued = "RUN echo a \\\n b\n";  // same logical text minus a space, other layout
  parse_at(plain, 0, ShellOptions{});
  ShellOptions bash;
  bash.shell = {"/bin/bash", "-c"};
  parse_at(plain, 0, bash);
  ShellScript c = parse_at(continued, 0, ShellOptions{});
  EXPECT_EQ(cache.misses(), 3u);
  EXPECT_EQ(cache.hits(), 0u);
  ASSERT_EQ(c.commands.size(), 1u);
  ASSERT_EQ(c.commands[0].argv.size(), 3u);
  EXPECT_EQ(c.commands[0].argv[2].span.begin, continued.find(" b\n") + 1);
}

TEST(ParseCache, LeastRecentlyUsedEntriesAreDropped) {
  ParseCache cache(2);
  ScopedParseCache scope(&cache);
  parse_at("RUN echo 1\n", 0, ShellOptions{});
  parse_at("RUN echo 2\n", 0, ShellOptions{});
  parse_at("RUN echo 1\n", 0, ShellOptions{});  // hit: 1 is now the most recent
  parse_at("RUN echo 3\n", 0, ShellOptions{});  // drops 2
  EXPECT_EQ(cache.size(), 2u);
  parse_at("RUN echo 1\n", 0, ShellOptions{});
  EXPECT_EQ(cache.hits(), 2u);
  parse_at("RUN echo 2\n", 0, ShellOptions{});
  EXPECT_EQ(cache.misses(), 4u);
}

// A whole lint with a warm cache (after an edit near the top that moves every RUN) reports
// exactly what a lint without the cache reports.
std::string lint_dump(const std::string& text) {
  LintResult r = lint_source(std::make_shared<SourceFile>("Dockerfile", text), LintOptions{});
  std::ostringstream o;
  for (const Diagnostic& d : r.diagnostics) {
    o << d.code << ' ' << d.span.begin << '-' << d.span.end << ' ' << d.message << '\n';
    for (const Label& l : d.labels) o << "  label " << l.span.begin << '-' << l.span.end << ' ' << l.message << '\n';
    if (d.fix)
      for (const Edit& e : d.fix->edits) o << "  edit " << e.span.begin << '-' << e.span.end << ' ' << e.text << '\n';
  }
  return o.str();
}

TEST(ParseCache, LintWithAWarmCacheEqualsAColdLint) {
  const std::string body =
      "ARG TORCH=2.1.0\n"
      "FROM nvidia/cuda:12.1.1-cudnn8-devel-ubuntu22.04\n"
      "ARG TORCH\n"
      "RUN apt-get update && apt-get install -y python3-pip git \\\n"
      "    && pip install torch==${TORCH}+cu118 --extra-index-url https://download.pytorch.org/whl/cu118\n"
      "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n"
      "RUN curl -fsSL https://example.com/x.sh | bash\n"
      "RUN <<EOF\n"
      "pip install flash-attn\n"
      "cd /tmp && wget https://example.com/model.bin\n"
      "EOF\n"
      "RUN sudo pip install numpy\n";
  const std::string edited = "# edited\n" + body;
  std::string cold = lint_dump(edited);
  ASSERT_NE(cold.find("ML"), std::string::npos) << cold;  // the file does have ML findings
  ParseCache cache;
  ScopedParseCache scope(&cache);
  lint_dump(body);
  uint64_t misses = cache.misses();
  EXPECT_EQ(lint_dump(edited), cold);
  EXPECT_EQ(cache.misses(), misses);  // every script of the edited file came from the cache
  EXPECT_GT(cache.hits(), 0u);
}

}  // namespace
}  // namespace dockml::shell
