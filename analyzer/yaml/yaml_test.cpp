#include "analyzer/yaml/yaml.h"

#include <gtest/gtest.h>

#include <memory>

#include "analyzer/yaml/builder.h"
#include "analyzer/yaml/scalar.h"

namespace dockml::yaml {
namespace {

SourcePtr file(std::string text) {
  return std::make_shared<SourceFile>("compose.yaml", std::move(text));
}
std::string at(const SourcePtr& src, Span s) { return std::string(src->slice(s)); }

std::vector<std::string> keys(const Node& n) {
  std::vector<std::string> out;
  for (const Pair& p : n.resolved().pairs) out.push_back(p.key->value);
  return out;
}

TEST(Yaml, SymbolTableMatchesGrammar) {
  EXPECT_TRUE(yaml_symbol_table().ok()) << yaml_symbol_table().error();
}

TEST(Yaml, BlockMappingsSequencesAndSpans) {
  auto src = file(
      "# c\n"
      "services:\n"
      "  web:\n"
      "    image: \"nvidia/cuda:12.1\"\n"
      "    ports:\n"
      "      - 80\n"
      "      - '443'\n"
      "    empty:\n"
      "    nul: ~\n");
  Stream s = parse_yaml(src);
  ASSERT_TRUE(s.errors.empty()) << s.errors[0].message;
  ASSERT_EQ(s.documents.size(), 1u);
  const Node* root = s.documents[0].root;
  const Node* web = root->at_path({"services", "web"});
  ASSERT_NE(web, nullptr);
  EXPECT_EQ(keys(*web), (std::vector<std::string>{"image", "ports", "empty", "nul"}));
  const Pair* image = web->find("image");
  ASSERT_NE(image, nullptr);
  EXPECT_EQ(at(src, image->key->span), "image");
  EXPECT_EQ(at(src, image->value->span), "\"nvidia/cuda:12.1\"");
  EXPECT_EQ(image->value->scalar(), "nvidia/cuda:12.1");
  EXPECT_EQ(image->value->style, ScalarStyle::kDoubleQuoted);
  EXPECT_EQ(image->value->span, (Span{32, 50}));
  EXPECT_EQ(image->key->span, (Span{25, 30}));
  const Node* ports = web->get("ports");
  ASSERT_TRUE(ports->is_sequence());
  ASSERT_EQ(ports->items.size(), 2u);
  EXPECT_EQ(ports->items[0]->type, ScalarType::kInt);
  EXPECT_EQ(ports->items[1]->scalar(), "443");
  EXPECT_EQ(ports->items[1]->type, ScalarType::kString);
  EXPECT_EQ(at(src, ports->items[1]->span), "'443'");
  EXPECT_TRUE(web->get("empty")->is_null());
  EXPECT_EQ(web->get("empty")->span.size(), 0u);
  EXPECT_TRUE(web->get("nul")->is_null());
  EXPECT_EQ(web->get("missing"), nullptr);
  EXPECT_EQ(root->at_path({"services", "db", "image"}), nullptr);
}

TEST(Yaml, AnchorsAliasesAndMergeKeys) {
  auto src = file(
      "x-gpu: &gpu\n"
      "  runtime: nvidia\n"
      "  shm_size: 1g\n"
      "x-env: &env {A: 1}\n"
      "services:\n"
      "  train:\n"
      "    <<: [*gpu, *env]\n"
      "    shm_size: 8g\n"
      "    env: *env\n");
  Stream s = parse_yaml(src);
  ASSERT_TRUE(s.errors.empty()) << s.errors[0].message;
  const Node* train = s.documents[0].root->at_path({"services", "train"});
  ASSERT_NE(train, nullptr);
  EXPECT_EQ(keys(*train), (std::vector<std::string>{"shm_size", "env", "runtime", "A"}));
  EXPECT_EQ(train->get("shm_size")->scalar(), "8g");
  const Pair* runtime = train->find("runtime");
  ASSERT_NE(runtime, nullptr);
  EXPECT_TRUE(runtime->merged);
  EXPECT_EQ(at(src, runtime->value->span), "nvidia");
  const Node* env = train->get("env");
  EXPECT_EQ(env->kind, Kind::kAlias);
  EXPECT_EQ(at(src, env->span), "*env");
  EXPECT_EQ(env->target, s.documents[0].root->get("x-env"));
  EXPECT_EQ(env->get("A")->scalar(), "1");
  EXPECT_EQ(s.documents[0].root->get("x-gpu")->anchor, "gpu");
}

TEST(Yaml, MultiDocumentFlowAndTags) {
  auto src = file(
      "a: 1\n"
      "---\n"
      "- {k: v, 'q': \"x\\ty\"}\n"
      "- [b, c]\n"
      "- !!str 123\n"
      "...\n"
      "---\n"
      "# only a comment\n"
      "---\n"
      "last: true\n");
  Stream s = parse_yaml(src);
  ASSERT_TRUE(s.errors.empty()) << s.errors[0].message;
  ASSERT_EQ(s.documents.size(), 3u);
  const Node* seq = s.documents[1].root;
  ASSERT_TRUE(seq->is_sequence());
  EXPECT_EQ(seq->items[0]->get("q")->scalar(), "x\ty");
  EXPECT_EQ(seq->items[0]->get("k")->scalar(), "v");
  EXPECT_EQ(seq->items[1]->items[1]->scalar(), "c");
  EXPECT_EQ(seq->items[2]->tag, "!!str");
  EXPECT_EQ(seq->items[2]->scalar(), "123");
  EXPECT_EQ(s.documents[2].root->get("last")->type, ScalarType::kBool);
  Stream t = parse_yaml(file("- [x: 1, y]\n- ? complex\n  : v\n- {a, b: 2}\n"));
  ASSERT_TRUE(t.errors.empty()) << t.errors[0].message;
  const Node* r = t.documents[0].root;
  EXPECT_EQ(r->items[0]->items[0]->get("x")->scalar(), "1");
  EXPECT_EQ(r->items[0]->items[1]->scalar(), "y");
  EXPECT_EQ(r->items[1]->get("complex")->scalar(), "v");
  EXPECT_TRUE(r->items[2]->get("a")->is_null());
  EXPECT_EQ(r->items[2]->get("b")->scalar(), "2");
  EXPECT_EQ(at(src, s.documents[2].root->get("last")->span), "true");
}

TEST(Yaml, BlockScalars) {
  auto src = file(
      "lit: |\n"
      "  line1\n"
      "   indented\n"
      "\n"
      "  line3\n"
      "fold: >-\n"
      "  a\n"
      "  b\n"
      "\n"
      "  c\n"
      "keep: |+\n"
      "  k\n"
      "\n"
      "end: x\n");
  Stream s = parse_yaml(src);
  ASSERT_TRUE(s.errors.empty()) << s.errors[0].message;
  const Node* root = s.documents[0].root;
  EXPECT_EQ(root->get("lit")->scalar(), "line1\n indented\n\nline3\n");
  EXPECT_EQ(root->get("lit")->style, ScalarStyle::kLiteral);
  EXPECT_EQ(root->get("fold")->scalar(), "a b\nc");
  EXPECT_EQ(root->get("fold")->style, ScalarStyle::kFolded);
  EXPECT_EQ(root->get("keep")->scalar(), "k\n\n");
  EXPECT_EQ(root->get("end")->scalar(), "x");
}

TEST(Yaml, BomAndCrlf) {
  auto src = file("\xEF\xBB\xBF" "a: 1\r\nb:\r\n  - \"y\"\r\nc: |\r\n  l1\r\n  l2\r\nd: e\r\n");
  Stream s = parse_yaml(src);
  ASSERT_TRUE(s.errors.empty()) << s.errors[0].message;
  const Node* root = s.documents[0].root;
  EXPECT_EQ(root->get("a")->span, (Span{6, 7}));
  EXPECT_EQ(root->at_path({"b"})->items[0]->scalar(), "y");
  EXPECT_EQ(root->get("c")->scalar(), "l1\nl2\n");
  EXPECT_EQ(root->get("d")->scalar(), "e");
}

TEST(Yaml, ScalarDecoding) {
  EXPECT_EQ(decode_plain("a\n   b\n\n  c"), "a b\nc");
  EXPECT_EQ(decode_single_quoted("'it''s\n  here'"), "it's here");
  EXPECT_EQ(decode_double_quoted("\"a\\\"b\\\\c\\u00e9\\x41\""), "a\"b\\c\xC3\xA9" "A");
  EXPECT_EQ(decode_double_quoted("\"join\\\n   ed\""), "joined");
  EXPECT_EQ(decode_double_quoted("\"tab\\t \n x\""), "tab\t x");
  EXPECT_EQ(decode_double_quoted("\"bad \\q\""), "bad \\q");
  EXPECT_EQ(decode_block("|2-\n    x\n  y", 0, 0), "  x\ny");
}

TEST(Yaml, InvalidYamlIsReportedAndOtherDocumentsContinue) {
  auto src = file(
      "ok: 1\n"
      "---\n"
      "a: [1, 2\n"
      "b: c\n"
      "---\n"
      "fine: yes\n");
  Stream s = parse_yaml(src);
  ASSERT_FALSE(s.errors.empty());
  EXPECT_EQ(s.errors[0].message, "invalid YAML near '[1, 2'");
  EXPECT_EQ(s.errors[0].position, (Position{2, 3}));
  ASSERT_EQ(s.documents.size(), 3u);
  EXPECT_EQ(s.documents[0].root->get("ok")->scalar(), "1");
  EXPECT_EQ(s.documents[1].root->get("b")->scalar(), "c");
  EXPECT_EQ(s.documents[2].root->get("fine")->scalar(), "yes");
}

TEST(Yaml, UndefinedAliasAndDuplicateKeys) {
  auto src = file("a: *nope\nb: 1\nb: 2\n");
  Stream s = parse_yaml(src);
  ASSERT_EQ(s.errors.size(), 2u);
  EXPECT_EQ(s.errors[0].message, "alias '*nope' refers to no anchor defined before it");
  EXPECT_EQ(s.errors[0].span, (Span{3, 8}));
  EXPECT_EQ(s.errors[1].message, "duplicate key 'b' (first defined on line 2)");
  EXPECT_EQ(s.errors[1].position, (Position{2, 0}));
  EXPECT_TRUE(s.documents[0].root->get("a")->is_null());
  EXPECT_EQ(s.documents[0].root->get("b")->scalar(), "2");
}

TEST(Yaml, AliasBombIsCapped) {
  std::string text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  for (char c = 'b'; c <= 'j'; ++c) {
    std::string prev(1, static_cast<char>(c - 1));
    text += std::string(1, c) + ": &" + c + " [";
    for (int i = 0; i < 10; ++i) text += (i ? ", *" : "*") + prev;
    text += "]\n";
  }
  auto src = file(text);
  Stream s = parse_yaml(src);
  ASSERT_FALSE(s.errors.empty());
  EXPECT_EQ(s.errors[0].message,
            "alias '*e' expands past the limit of 1000000 nodes (alias bomb?); left unresolved");
  EXPECT_EQ(s.errors[0].position.line, 5u);
  ASSERT_EQ(s.documents.size(), 1u);
  EXPECT_EQ(s.documents[0].root->get("j")->items.size(), 10u);
}

TEST(Yaml, DeepNestingIsLimitedWithoutCrash) {
  std::string flow(100000, '[');
  flow += std::string(100000, ']');
  Stream a = parse_yaml(file("deep: " + flow + "\nnext: 1\n"));
  ASSERT_FALSE(a.errors.empty());
  EXPECT_EQ(a.errors[0].message, "YAML nested deeper than 100 levels; the deeper part is ignored");
  ASSERT_EQ(a.documents.size(), 1u);
  EXPECT_EQ(a.documents[0].root->get("next")->scalar(), "1");

  std::string block;
  for (int i = 0; i < 3000; ++i) block += std::string(i, ' ') + "k:\n";
  std::string dashes;
  for (int i = 0; i < 400; ++i) dashes += "- ";
  Stream b = parse_yaml(file("ok: 1\n---\n" + block + "---\n" + dashes + "x\n---\nlast: 2\n"));
  ASSERT_EQ(b.errors.size(), 2u);
  EXPECT_EQ(b.errors[0].message, "YAML nested deeper than 100 levels; document skipped");
  EXPECT_EQ(b.errors[0].position.line, 102u);
  ASSERT_EQ(b.documents.size(), 2u);
  EXPECT_EQ(b.documents[1].root->get("last")->scalar(), "2");
}

TEST(Yaml, VeryLongDocumentsAreSkippedNotMisparsed) {
  std::string text;
  for (int i = 0; i < 17000; ++i) text += "k" + std::to_string(i) + ":\n  - a: 1\n";
  Stream s = parse_yaml(file(text + "---\nafter: 1\n"));
  ASSERT_EQ(s.errors.size(), 1u);
  EXPECT_EQ(s.errors[0].message,
            "YAML document of 34000 lines is longer than the 32000 lines dockml analyses; "
            "skipped");
  ASSERT_EQ(s.documents.size(), 1u);
  EXPECT_EQ(s.documents[0].root->get("after")->scalar(), "1");
}

}  // namespace
}  // namespace dockml::yaml

namespace dockml::yaml {
namespace {

// Deterministic garbage built from YAML's indicator characters: no crash, no hang, and every
// error position lies inside the file.
TEST(Yaml, GarbageDoesNotCrash) {
  const std::string alphabet = " \n\n\t-:?[]{},&*!|>'\"#%@`ab1\\.<";
  uint32_t seed = 12345;
  auto next = [&] { return seed = seed * 1103515245u + 12345u, (seed >> 16) & 0x7FFF; };
  for (int round = 0; round < 400; ++round) {
    std::string text;
    size_t len = next() % 300;
    for (size_t i = 0; i < len; ++i) text.push_back(alphabet[next() % alphabet.size()]);
    auto src = std::make_shared<SourceFile>("g.yaml", text);
    Stream s = parse_yaml(src);
    for (const Error& e : s.errors) {
      ASSERT_LE(e.span.end, src->size()) << e.message;
      ASSERT_FALSE(e.message.empty());
    }
  }
}

}  // namespace
}  // namespace dockml::yaml
