// JSON-RPC message framing for LSP over stdio: "Content-Length: N\r\n\r\n" + N bytes of JSON.
#pragma once

#include <cstddef>
#include <istream>
#include <string>
#include <string_view>

namespace dockml::lsp {

enum class ReadStatus {
  kMessage,    // `body` holds one message
  kEof,        // the stream ended (possibly mid-message)
  kBadHeader,  // the header block had no usable Content-Length; `error` says why
};

struct ReadResult {
  ReadStatus status = ReadStatus::kEof;
  std::string body;
  std::string error;
};

// Largest message body accepted; bigger bodies are skipped and reported as kBadHeader.
inline constexpr size_t kMaxMessageBytes = 512u * 1024 * 1024;

// Reads one framed message. Header lines may end in "\r\n" or "\n"; header names are
// case-insensitive; headers other than Content-Length are ignored. Never throws.
ReadResult read_message(std::istream& in, size_t max_body = kMaxMessageBytes);

// "Content-Length: <size>\r\n\r\n<body>".
std::string frame_message(std::string_view body);

}  // namespace dockml::lsp
