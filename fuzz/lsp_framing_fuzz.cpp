// libFuzzer target: the LSP message reader (Content-Length framing) over an arbitrary byte
// stream: reads messages until the end, with a small body limit so oversized bodies are hit.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "analyzer/lsp/framing.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  for (int i = 0; i < 10000; ++i) {
    dockml::lsp::ReadResult r = dockml::lsp::read_message(in, 4096);
    if (r.status == dockml::lsp::ReadStatus::kEof) break;
    if (r.status == dockml::lsp::ReadStatus::kMessage) (void)dockml::lsp::frame_message(r.body);
  }
  return 0;
}
