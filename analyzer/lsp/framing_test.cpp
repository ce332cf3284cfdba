#include "analyzer/lsp/framing.h"

#include <gtest/gtest.h>

#include <sstream>

namespace dockml::lsp {
namespace {

TEST(LspFraming, ReadsConsecutiveMessages) {
  std::istringstream in("Content-Length: 2\r\n\r\n{}Content-Length: 4\r\n\r\nnull");
  ReadResult a = read_message(in);
  ASSERT_EQ(a.status, ReadStatus::kMessage);
  EXPECT_EQ(a.body, "{}");
  ReadResult b = read_message(in);
  ASSERT_EQ(b.status, ReadStatus::kMessage);
  EXPECT_EQ(b.body, "null");
  EXPECT_EQ(read_message(in).status, ReadStatus::kEof);
}

TEST(LspFraming, HeaderNamesAreCaseInsensitiveAndOtherHeadersIgnored) {
  std::istringstream in(
      "content-length:3\nContent-Type: application/vscode-jsonrpc; charset=utf-8\n\n[1]");
  ReadResult r = read_message(in);
  ASSERT_EQ(r.status, ReadStatus::kMessage);
  EXPECT_EQ(r.body, "[1]");
}

TEST(LspFraming, BadContentLengthIsReportedAndTheNextMessageStillReads) {
  std::istringstream in("Content-Length: abc\r\n\r\nContent-Length: 2\r\n\r\n{}");
  ReadResult bad = read_message(in);
  EXPECT_EQ(bad.status, ReadStatus::kBadHeader);
  EXPECT_EQ(bad.error, "invalid Content-Length header: 'abc'");
  ReadResult good = read_message(in);
  ASSERT_EQ(good.status, ReadStatus::kMessage);
  EXPECT_EQ(good.body, "{}");
}

TEST(LspFraming, MissingContentLength) {
  std::istringstream in("Content-Type: x\r\n\r\n");
  ReadResult r = read_message(in);
  EXPECT_EQ(r.status, ReadStatus::kBadHeader);
  EXPECT_EQ(r.error, "missing Content-Length header");
}

TEST(LspFraming, NegativeLengthIsInvalid) {
  std::istringstream in("Content-Length: -5\r\n\r\n");
  ReadResult r = read_message(in);
  EXPECT_EQ(r.status, ReadStatus::kBadHeader);
  EXPECT_EQ(r.error, "invalid Content-Length header: '-5'");
}

TEST(LspFraming, TruncatedBodyIsEof) {
  std::istringstream in("Content-Length: 10\r\n\r\n{}");
  EXPECT_EQ(read_message(in).status, ReadStatus::kEof);
}

TEST(LspFraming, OversizedBodyIsSkipped) {
  std::istringstream in("Content-Length: 6\r\n\r\n123456Content-Length: 1\r\n\r\n7");
  ReadResult big = read_message(in, 5);
  EXPECT_EQ(big.status, ReadStatus::kBadHeader);
  EXPECT_EQ(big.error, "message of 6 bytes exceeds the 5-byte limit");
  ReadResult next = read_message(in, 5);
  ASSERT_EQ(next.status, ReadStatus::kMessage);
  EXPECT_EQ(next.body, "7");
}

TEST(LspFraming, FramesWithContentLength) {
  EXPECT_EQ(frame_message("{\"a\":\"é\"}"), "Content-Length: 10\r\n\r\n{\"a\":\"é\"}");
}

}  // namespace
}  // namespace dockml::lsp
