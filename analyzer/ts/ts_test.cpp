#include "analyzer/ts/ts.h"

#include <gtest/gtest.h>

#include <thread>

namespace dockml::ts {
namespace {

TEST(TreeSitter, ParsesBashAndExposesNodes) {
  auto tree = Parser::for_thread(Grammar::kBash).parse("echo hi && ls -l");
  ASSERT_TRUE(tree.has_value());
  Node root = tree->root();
  EXPECT_EQ(root.type(), "program");
  EXPECT_FALSE(root.has_error());
  Node list = root.named_child(0);
  EXPECT_EQ(list.type(), "list");
  Node first = list.named_child(0);
  EXPECT_EQ(first.type(), "command");
  EXPECT_EQ(first.text(), "echo hi");
  EXPECT_EQ(first.begin(), 0u);
  EXPECT_EQ(first.end(), 7u);
  EXPECT_EQ(first.child_by_field("name").text(), "echo");
  EXPECT_EQ(list.child(1).type(), "&&");
  EXPECT_FALSE(list.child(1).is_named());
  EXPECT_EQ(list.named_children().size(), 2u);
  EXPECT_EQ(first.parent(), list);
}

TEST(TreeSitter, NodesSurviveMovingTheTree) {
  std::optional<Tree> moved;
  Node cmd;
  {
    auto tree = Parser::for_thread(Grammar::kBash).parse("pip install torch");
    ASSERT_TRUE(tree);
    cmd = tree->root().named_child(0);
    moved.emplace(std::move(*tree));
  }
  EXPECT_EQ(cmd.text(), "pip install torch");
  EXPECT_EQ(moved->root().named_child(0), cmd);
}

TEST(TreeSitter, NullNodeIsSafe) {
  Node n;
  EXPECT_TRUE(n.is_null());
  EXPECT_EQ(n.type(), "");
  EXPECT_EQ(n.text(), "");
  EXPECT_EQ(n.child_count(), 0u);
  EXPECT_TRUE(n.child(3).is_null());
  EXPECT_TRUE(n.child_by_field("name").is_null());
}

TEST(TreeSitter, AllGrammarsLoadAndParse) {
  auto reqs = Parser::for_thread(Grammar::kRequirements).parse("torch==2.1.0+cu118\n");
  ASSERT_TRUE(reqs);
  EXPECT_EQ(reqs->root().type(), "file");
  EXPECT_FALSE(reqs->root().has_error());
  auto yaml = Parser::for_thread(Grammar::kYaml).parse("services:\n  a:\n    image: x\n");
  ASSERT_TRUE(yaml);
  EXPECT_EQ(yaml->root().type(), "stream");
  EXPECT_FALSE(yaml->root().has_error());
  EXPECT_EQ(grammar_name(Grammar::kYaml), "yaml");
}

TEST(TreeSitter, SymbolTableReportsMissingNames) {
  SymbolTable good(Grammar::kBash, {{"command"}, {"word"}, {"&&", false}}, {"name", "argument"});
  EXPECT_TRUE(good.ok()) << good.error();
  EXPECT_NE(good.symbol("command"), 0);
  EXPECT_NE(good.symbol("&&", false), 0);
  EXPECT_NE(good.field("argument"), 0);
  auto tree = Parser::for_thread(Grammar::kBash).parse("ls");
  EXPECT_EQ(tree->root().named_child(0).symbol(), good.symbol("command"));

  SymbolTable bad(Grammar::kBash, {{"command"}, {"no_such_node"}}, {"name", "nofield"});
  EXPECT_FALSE(bad.ok());
  EXPECT_EQ(bad.error(),
            "tree-sitter-bash grammar lacks node types 'no_such_node' and fields 'nofield'");
  EXPECT_EQ(bad.symbol("no_such_node"), 0);
  EXPECT_EQ(bad.symbol("not_listed"), 0);
}

TEST(TreeSitter, DepthIsComputedIteratively) {
  auto tree = Parser::for_thread(Grammar::kBash).parse("echo a");
  ASSERT_TRUE(tree);
  EXPECT_EQ(tree->depth(), 3u);  // program > command > command_name > word
}

TEST(TreeSitter, ParsersArePerThread) {
  Parser* main_parser = &Parser::for_thread(Grammar::kBash);
  Parser* other = nullptr;
  std::string type;
  std::thread t([&] {
    other = &Parser::for_thread(Grammar::kBash);
    auto tree = other->parse("a | b");
    type = std::string(tree->root().named_child(0).type());
  });
  t.join();
  EXPECT_NE(main_parser, other);
  EXPECT_EQ(type, "pipeline");
}

}  // namespace
}  // namespace dockml::ts
