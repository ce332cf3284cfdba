// libFuzzer target: the YAML front end (tree-sitter-yaml + the tree builder: anchors,
// aliases, merge keys, limits), then a walk of every document with aliases followed.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "analyzer/yaml/yaml.h"

namespace {

// Visits at most `budget` nodes (aliases are followed, so the walk itself is bounded).
void walk(const dockml::yaml::Node* node, int depth, int& budget) {
  if (!node || depth > 200 || --budget <= 0) return;
  const dockml::yaml::Node& n = node->resolved();
  (void)n.scalar();
  (void)n.is_null();
  for (const dockml::yaml::Pair& p : n.pairs) {
    walk(p.key, depth + 1, budget);
    walk(p.value, depth + 1, budget);
  }
  for (const dockml::yaml::Node* item : n.items) walk(item, depth + 1, budget);
  (void)n.at_path({"services", "web", "deploy"});
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto source = std::make_shared<const dockml::SourceFile>(
      "fuzz/compose.yaml", std::string(reinterpret_cast<const char*>(data), size));
  dockml::yaml::Stream stream = dockml::yaml::parse_yaml(source);
  int budget = 100000;
  for (const auto& doc : stream.documents) walk(doc.root, 0, budget);
  return 0;
}
