// libFuzzer target: the Dockerfile parser (L1) and the parse-tree dump over arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "analyzer/dockerfile/dump.h"
#include "analyzer/dockerfile/parser.h"
#include "analyzer/dockerfile/validate.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto source = std::make_shared<const dockml::SourceFile>(
      "fuzz/Dockerfile", std::string(reinterpret_cast<const char*>(data), size));
  dockml::Dockerfile df = dockml::parse_dockerfile(source);
  (void)dockml::dump_buildkit(df);
  (void)dockml::validate_instructions(df);
  return 0;
}
