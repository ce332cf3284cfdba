// libFuzzer target: the requirements front end (tree-sitter-requirements) and the conda
// environment reader over arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "analyzer/reqs/conda_env.h"
#include "analyzer/reqs/requirements.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  auto source = std::make_shared<const dockml::SourceFile>("fuzz/requirements.txt", bytes);
  (void)dockml::reqs::parse_requirement_file(source);
  auto env = std::make_shared<const dockml::SourceFile>("fuzz/environment.yml", bytes);
  (void)dockml::reqs::parse_conda_env(env);
  return 0;
}
