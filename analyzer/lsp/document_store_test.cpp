#include "analyzer/lsp/document_store.h"

#include <gtest/gtest.h>

namespace dockml::lsp {
namespace {

TEST(LspDocumentStore, ClassifiesByNameLanguageAndContent) {
  EXPECT_EQ(classify_document("file:///w/Dockerfile", "", ""), FileKind::kDockerfile);
  EXPECT_EQ(classify_document("file:///w/Dockerfile.gpu", "", ""), FileKind::kDockerfile);
  EXPECT_EQ(classify_document("file:///w/train.dockerfile", "", ""), FileKind::kDockerfile);
  EXPECT_EQ(classify_document("file:///w/Containerfile", "", ""), FileKind::kDockerfile);
  EXPECT_EQ(classify_document("untitled:Untitled-1", "dockerfile", ""), FileKind::kDockerfile);
  EXPECT_EQ(classify_document("file:///w/requirements-gpu.txt", "", ""), FileKind::kRequirements);
  EXPECT_EQ(classify_document("file:///w/deps.txt", "pip-requirements", ""), FileKind::kRequirements);
  EXPECT_EQ(classify_document("file:///w/docker-compose.yml", "", ""), FileKind::kCompose);
  EXPECT_EQ(classify_document("file:///w/pod.yaml", "yaml", "apiVersion: v1\nkind: Pod\n"),
            FileKind::kKubernetes);
  EXPECT_EQ(classify_document("file:///w/values.yaml", "yaml", "a: 1\n"), std::nullopt);
  EXPECT_EQ(classify_document("file:///w/main.py", "python", "print()"), std::nullopt);
}

TEST(LspDocumentStore, OpenIgnoresOtherFiles) {
  DocumentStore store;
  EXPECT_EQ(store.open("file:///w/main.py", "python", 1, "x"), nullptr);
  const Document* doc = store.open("file:///w/a%20b/Dockerfile", "dockerfile", 3, "FROM x\n");
  ASSERT_NE(doc, nullptr);
  EXPECT_EQ(doc->path, "/w/a b/Dockerfile");
  EXPECT_EQ(doc->source->path(), "/w/a b/Dockerfile");
  EXPECT_EQ(doc->version, 3);
  EXPECT_EQ(store.size(), 1u);
}

TEST(LspDocumentStore, IncrementalEditsInUtf16AreAppliedInOrder) {
  DocumentStore store;
  const std::string uri = "file:///w/Dockerfile";
  store.open(uri, "dockerfile", 1, "FROM \xF0\x9F\x98\x80 x\nRUN a\n");
  std::vector<ContentChange> changes;
  // Replace "x" (UTF-16 column 8: "FROM " 5 + emoji 2 + space 1) with "ubuntu".
  changes.push_back({LspRange{{0, 8}, {0, 9}}, "ubuntu"});
  // Then insert at line 1 col 5 (in the text after the first change).
  changes.push_back({LspRange{{1, 5}, {1, 5}}, "bc"});
  // Then delete the line break between the lines.
  changes.push_back({LspRange{{0, 14}, {1, 0}}, " "});
  ASSERT_TRUE(store.change(uri, 2, changes, PositionEncoding::kUtf16));
  const Document* doc = store.find(uri);
  EXPECT_EQ(doc->source->text(), "FROM \xF0\x9F\x98\x80 ubuntu RUN abc\n");
  EXPECT_EQ(doc->version, 2);
}

TEST(LspDocumentStore, Utf8EncodingAndFullReplacement) {
  DocumentStore store;
  const std::string uri = "file:///w/Dockerfile";
  store.open(uri, "dockerfile", 1, "\xC3\xA9x\n");
  ASSERT_TRUE(store.change(uri, 2, {{LspRange{{0, 2}, {0, 3}}, "y"}}, PositionEncoding::kUtf8));
  EXPECT_EQ(store.find(uri)->source->text(), "\xC3\xA9y\n");
  ASSERT_TRUE(store.change(uri, 3, {{std::nullopt, "FROM z\n"}}, PositionEncoding::kUtf8));
  EXPECT_EQ(store.find(uri)->source->text(), "FROM z\n");
  EXPECT_FALSE(store.change("file:///w/missing", 1, {{std::nullopt, ""}}, PositionEncoding::kUtf8));
}

TEST(LspDocumentStore, OutOfRangeEditsClamp) {
  DocumentStore store;
  const std::string uri = "file:///w/Dockerfile";
  store.open(uri, "dockerfile", 1, "ab\n");
  ASSERT_TRUE(store.change(uri, 2, {{LspRange{{0, 99}, {42, 7}}, "!"}}, PositionEncoding::kUtf16));
  EXPECT_EQ(store.find(uri)->source->text(), "ab!");
  EXPECT_TRUE(store.close(uri));
  EXPECT_EQ(store.find(uri), nullptr);
}

}  // namespace
}  // namespace dockml::lsp
