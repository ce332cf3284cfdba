#include "analyzer/reqs/requirements.h"

#include <gtest/gtest.h>

#include <memory>

#include "analyzer/reqs/symbols.h"

namespace dockml::reqs {
namespace {

SourcePtr file(std::string text) {
  return std::make_shared<SourceFile>("requirements.txt", std::move(text));
}

// The text a span covers.
std::string at(const SourcePtr& src, Span span) { return std::string(src->slice(span)); }

TEST(Requirements, SymbolTableMatchesGrammar) {
  EXPECT_TRUE(requirement_symbol_table().ok()) << requirement_symbol_table().error();
}

TEST(Requirements, PinnedRequirementWithHashesAndContinuation) {
  auto src = file(
      "# comment\n"
      "torch==2.1.0+cu118 --hash=sha256:abc \\\n"
      "    --hash=sha256:def  # trailing\n");
  RequirementFile f = parse_requirement_file(src);
  ASSERT_TRUE(f.errors.empty()) << f.errors[0].message;
  ASSERT_EQ(f.requirements.size(), 1u);
  const PipRequirement& r = f.requirements[0];
  EXPECT_EQ(r.name, "torch");
  EXPECT_EQ(r.specifier, "==2.1.0+cu118");
  EXPECT_EQ(r.exact_version, "2.1.0+cu118");
  EXPECT_EQ(r.local_label, "cu118");
  EXPECT_EQ(r.raw, "torch==2.1.0+cu118");
  EXPECT_EQ(r.hashes, (std::vector<std::string>{"sha256:abc", "sha256:def"}));
  EXPECT_EQ(r.ref.span, (Span{10, 28}));
  EXPECT_EQ(r.name_ref.span, (Span{10, 15}));
  EXPECT_EQ(r.specifier_ref.span, (Span{15, 28}));
  EXPECT_EQ(r.ref.source, src);
  ASSERT_EQ(f.option_lines.size(), 2u);
  EXPECT_EQ(f.option_lines[1].option, "--hash");
  EXPECT_TRUE(f.option_lines[1].per_requirement);
  EXPECT_EQ(at(src, f.option_lines[1].span), "--hash=sha256:def");
  EXPECT_EQ(at(src, f.option_lines[1].value_span), "sha256:def");
}

TEST(Requirements, ExtrasRangesMarkersAndUrls) {
  auto src = file(
      "numpy>=1.0,<2 ; python_version < \"3.10\"\n"
      "Foo.Bar[x, y] @ https://example.com/foo.whl\n"
      "torch == 2.0\n"
      "bar (>=1.0)\n"
      "plain\n");
  RequirementFile f = parse_requirement_file(src);
  ASSERT_TRUE(f.errors.empty()) << f.errors[0].message;
  ASSERT_EQ(f.requirements.size(), 5u);
  const auto& numpy = f.requirements[0];
  EXPECT_EQ(numpy.specifier, ">=1.0,<2");
  EXPECT_EQ(at(src, numpy.specifier_ref.span), ">=1.0,<2");
  EXPECT_EQ(numpy.markers, "python_version < \"3.10\"");
  EXPECT_FALSE(numpy.exact_version.has_value());
  EXPECT_EQ(at(src, numpy.ref.span), "numpy>=1.0,<2 ; python_version < \"3.10\"");
  const auto& foo = f.requirements[1];
  EXPECT_EQ(foo.name, "foo-bar");
  EXPECT_EQ(foo.display_name, "Foo.Bar");
  EXPECT_EQ(foo.extras, (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(foo.url, "https://example.com/foo.whl");
  EXPECT_FALSE(foo.vcs);
  EXPECT_EQ(foo.specifier_ref.span, (Span{foo.ref.span.end, foo.ref.span.end}));
  const auto& torch = f.requirements[2];
  EXPECT_EQ(torch.specifier, "==2.0");
  EXPECT_EQ(at(src, torch.specifier_ref.span), "== 2.0");
  EXPECT_EQ(torch.exact_version, "2.0");
  EXPECT_EQ(f.requirements[3].specifier, ">=1.0");
  EXPECT_EQ(at(src, f.requirements[3].specifier_ref.span), ">=1.0");
  EXPECT_EQ(f.requirements[4].name, "plain");
  EXPECT_EQ(f.requirements[4].specifier, "");
}

TEST(Requirements, OptionLines) {
  auto src = file(
      "-r other.txt\n"
      "-c constraints.txt\n"
      "--requirement=\"sub dir/a.txt\"\n"
      "--index-url https://download.pytorch.org/whl/cu118\n"
      "--extra-index-url=https://pypi.org/simple\n"
      "-i https://mirror/simple\n"
      "-f https://data.pyg.org/whl/torch-2.1.0+cu118.html\n"
      "--find-links ./wheels\n"
      "--no-binary :all:\n"
      "--only-binary=numpy\n"
      "--pre\n"
      "--trusted-host pypi.org\n"
      "--no-index\n"
      "--prefer-binary\n"
      "--require-hashes\n");
  RequirementFile f = parse_requirement_file(src);
  ASSERT_TRUE(f.errors.empty()) << f.errors[0].message;
  EXPECT_TRUE(f.requirements.empty());
  const PipOptions& o = f.options;
  EXPECT_EQ(o.requirement_files, (std::vector<std::string>{"other.txt", "sub dir/a.txt"}));
  EXPECT_EQ(o.constraint_files, (std::vector<std::string>{"constraints.txt"}));
  EXPECT_EQ(o.index_urls, (std::vector<std::string>{"https://download.pytorch.org/whl/cu118",
                                                    "https://mirror/simple"}));
  EXPECT_EQ(o.extra_index_urls, (std::vector<std::string>{"https://pypi.org/simple"}));
  EXPECT_EQ(o.find_links, (std::vector<std::string>{
                              "https://data.pyg.org/whl/torch-2.1.0+cu118.html", "./wheels"}));
  EXPECT_EQ(o.no_binary, (std::vector<std::string>{":all:"}));
  EXPECT_EQ(o.only_binary, (std::vector<std::string>{"numpy"}));
  EXPECT_EQ(o.trusted_hosts, (std::vector<std::string>{"pypi.org"}));
  EXPECT_TRUE(o.pre);
  EXPECT_TRUE(o.no_index);
  EXPECT_TRUE(o.prefer_binary);
  EXPECT_TRUE(o.require_hashes);
  ASSERT_EQ(f.includes.size(), 3u);
  EXPECT_EQ(f.includes[0].path, "other.txt");
  EXPECT_EQ(f.includes[0].span, (Span{3, 12}));
  EXPECT_TRUE(f.includes[1].constraint);
  EXPECT_EQ(at(src, f.includes[2].span), "\"sub dir/a.txt\"");
  ASSERT_EQ(f.option_lines.size(), 15u);
  EXPECT_EQ(at(src, f.option_lines[3].span), "--index-url https://download.pytorch.org/whl/cu118");
  EXPECT_EQ(at(src, f.option_lines[3].option_span), "--index-url");
  EXPECT_EQ(f.option_lines[10].option, "--pre");
  EXPECT_EQ(f.option_lines[10].value, "");
}

TEST(Requirements, EditableVcsUrlAndPathLines) {
  auto src = file(
      "-e git+https://github.com/x/y.git#egg=y\n"
      "-e .\n"
      "git+https://github.com/x/z.git@v1#egg=z\n"
      "./wheels/foo-1.2-py3-none-any.whl\n"
      "name @ file:///tmp/x.whl\n");
  RequirementFile f = parse_requirement_file(src);
  ASSERT_TRUE(f.errors.empty()) << f.errors[0].message;
  ASSERT_EQ(f.requirements.size(), 5u);
  const auto& y = f.requirements[0];
  EXPECT_TRUE(y.editable);
  EXPECT_TRUE(y.vcs);
  EXPECT_EQ(y.name, "y");
  EXPECT_EQ(y.url, "git+https://github.com/x/y.git#egg=y");
  EXPECT_EQ(at(src, y.ref.span), "git+https://github.com/x/y.git#egg=y");
  EXPECT_EQ(at(src, y.name_ref.span), "y");
  EXPECT_EQ(y.name_ref.span.begin, 38u);
  const auto& dot = f.requirements[1];
  EXPECT_TRUE(dot.editable);
  EXPECT_EQ(at(src, dot.ref.span), ".");
  const auto& z = f.requirements[2];
  EXPECT_FALSE(z.editable);
  EXPECT_TRUE(z.vcs);
  EXPECT_EQ(z.name, "z");
  const auto& wheel = f.requirements[3];
  EXPECT_EQ(wheel.name, "foo");
  EXPECT_EQ(wheel.exact_version, "1.2");
  EXPECT_EQ(at(src, wheel.ref.span), "./wheels/foo-1.2-py3-none-any.whl");
  EXPECT_EQ(f.requirements[4].url, "file:///tmp/x.whl");
  EXPECT_EQ(at(src, f.requirements[4].name_ref.span), "name");
}

TEST(Requirements, ErrorsAreValuesAndTheRestCounts) {
  auto src = file(
      "numpy\n"
      "--no-cache-dir\n"
      "this is bad!!  # comment\n"
      "-r\n"
      "requests\n");
  RequirementFile f = parse_requirement_file(src);
  ASSERT_EQ(f.requirements.size(), 2u);
  EXPECT_EQ(f.requirements[0].name, "numpy");
  EXPECT_EQ(f.requirements[1].name, "requests");
  EXPECT_EQ(f.requirements[1].ref.span, (Span{49, 57}));
  ASSERT_EQ(f.errors.size(), 3u);
  EXPECT_EQ(f.errors[0].message, "unknown option '--no-cache-dir' in a requirement file");
  EXPECT_EQ(f.errors[0].span, (Span{6, 20}));
  EXPECT_EQ(f.errors[0].position, (Position{1, 0}));
  EXPECT_EQ(at(src, f.errors[1].span), "this is bad!!");
  EXPECT_EQ(f.errors[1].position, (Position{2, 0}));
  EXPECT_EQ(f.errors[2].message, "invalid value for option '-r' in a requirement file");
  EXPECT_EQ(f.errors[2].position, (Position{3, 0}));
}

TEST(Requirements, ErrorSpanningLinesKeepsTheLinesAfterIt) {
  // tree-sitter recovers from the unterminated quote with one ERROR node up to the end.
  auto src = file("numpy\n-r \"abc\nscipy\ntorch\n");
  RequirementFile f = parse_requirement_file(src);
  ASSERT_EQ(f.requirements.size(), 3u);
  EXPECT_EQ(f.requirements[1].name, "scipy");
  EXPECT_EQ(f.requirements[1].ref.span, (Span{14, 19}));
  EXPECT_EQ(f.requirements[2].name, "torch");
  ASSERT_EQ(f.errors.size(), 1u);
  EXPECT_EQ(f.errors[0].message, "invalid value for option '-r' in a requirement file");
  EXPECT_EQ(at(src, f.errors[0].span), "-r \"abc");
}

TEST(Requirements, MarkerBeforeContinuedHashIsNotAnError) {
  auto src = file(
      "foo==1.0 ; python_version >= \"3.8\" \\\n"
      "    --hash=sha256:aa \\\n"
      "    --hash=sha256:bb\n"
      "    # via bar\n");
  RequirementFile f = parse_requirement_file(src);
  ASSERT_TRUE(f.errors.empty()) << f.errors[0].message;
  ASSERT_EQ(f.requirements.size(), 1u);
  EXPECT_EQ(f.requirements[0].markers, "python_version >= \"3.8\"");
  EXPECT_EQ(f.requirements[0].hashes, (std::vector<std::string>{"sha256:aa", "sha256:bb"}));
}

TEST(Requirements, GrammarGapsFallBackToPep508) {
  // Valid PEP 508 the grammar rejects: a string on the left of `not in`.
  auto src = file("tvm==0.1; sys_platform == \"linux\" and \"arm\" not in platform_machine\n");
  RequirementFile f = parse_requirement_file(src);
  ASSERT_TRUE(f.errors.empty()) << f.errors[0].message;
  ASSERT_EQ(f.requirements.size(), 1u);
  EXPECT_EQ(f.requirements[0].name, "tvm");
  EXPECT_EQ(f.requirements[0].exact_version, "0.1");
  EXPECT_EQ(f.requirements[0].name_ref.span, (Span{0, 3}));
  EXPECT_EQ(f.requirements[0].specifier_ref.span, (Span{3, 8}));
}

TEST(Requirements, RealWorldLinesTheGrammarRejects) {
  // From the shared corpus: a comment after a marker, a wheel URL with a marker.
  auto src = file(
      "deepspeed >=0.8.2, <=0.9.3; platform_system != \"Windows\"  # strict\n"
      "https://x/llama_cpp_binaries-0.124.0+cu124-py3-none-linux_x86_64.whl; "
      "platform_system == \"Linux\"\n");
  RequirementFile f = parse_requirement_file(src);
  ASSERT_TRUE(f.errors.empty()) << f.errors[0].message;
  ASSERT_EQ(f.requirements.size(), 2u);
  const auto& ds = f.requirements[0];
  EXPECT_EQ(ds.name, "deepspeed");
  EXPECT_EQ(ds.specifier, ">=0.8.2,<=0.9.3");
  EXPECT_EQ(at(src, ds.specifier_ref.span), ">=0.8.2, <=0.9.3");
  EXPECT_EQ(ds.markers, "platform_system != \"Windows\"");
  const auto& wheel = f.requirements[1];
  EXPECT_EQ(wheel.name, "llama-cpp-binaries");
  EXPECT_EQ(wheel.exact_version, "0.124.0+cu124");
  EXPECT_EQ(wheel.local_label, "cu124");
  EXPECT_EQ(wheel.url, "https://x/llama_cpp_binaries-0.124.0+cu124-py3-none-linux_x86_64.whl");
  EXPECT_EQ(wheel.markers, "platform_system == \"Linux\"");
  EXPECT_EQ(wheel.ref.span.begin, 67u);
}

TEST(Requirements, NoFinalNewlineCrlfAndBom) {
  auto src = file("\xEF\xBB\xBFnumpy\r\ntorch==2.0 \\\r\n  --hash=sha256:ab\r\nscipy");
  RequirementFile f = parse_requirement_file(src);
  ASSERT_TRUE(f.errors.empty()) << f.errors[0].message;
  ASSERT_EQ(f.requirements.size(), 3u);
  EXPECT_EQ(f.requirements[0].name_ref.span, (Span{3, 8}));
  EXPECT_EQ(f.requirements[1].hashes, (std::vector<std::string>{"sha256:ab"}));
  EXPECT_EQ(at(src, f.requirements[2].ref.span), "scipy");
}

TEST(Requirements, EmbeddedTextMapsSpans) {
  auto src = std::make_shared<SourceFile>("environment.yml", "  - pip:\n    - torch==2.1\n");
  RequirementFile f = parse_requirement_text(src, "torch==2.1", 15, true, Span{15, 25});
  ASSERT_EQ(f.requirements.size(), 1u);
  EXPECT_EQ(f.requirements[0].name_ref.span, (Span{15, 20}));
  RequirementFile g = parse_requirement_text(src, "torch==2.1", 15, false, Span{14, 26});
  ASSERT_EQ(g.requirements.size(), 1u);
  EXPECT_EQ(g.requirements[0].name_ref.span, (Span{14, 26}));
}

}  // namespace
}  // namespace dockml::reqs

namespace dockml::reqs {
namespace {

TEST(Requirements, GarbageDoesNotCrash) {
  const std::string alphabet = " \n\n\t-=<>~!;@[](),.\"'#\\:/+*abcr1e";
  uint32_t seed = 777;
  auto next = [&] { return seed = seed * 1103515245u + 12345u, (seed >> 16) & 0x7FFF; };
  for (int round = 0; round < 400; ++round) {
    std::string text;
    size_t len = next() % 200;
    for (size_t i = 0; i < len; ++i) text.push_back(alphabet[next() % alphabet.size()]);
    auto src = std::make_shared<SourceFile>("r.txt", text);
    RequirementFile f = parse_requirement_file(src);
    for (const PipRequirement& r : f.requirements) ASSERT_LE(r.ref.span.end, src->size());
    for (const ParseError& e : f.errors) ASSERT_LE(e.span.end, src->size()) << e.message;
  }
}

}  // namespace
}  // namespace dockml::reqs
