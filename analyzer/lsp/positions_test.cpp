#include "analyzer/lsp/positions.h"

#include <gtest/gtest.h>

#include "analyzer/lsp/uri.h"

namespace dockml::lsp {
namespace {

// "é" is 2 UTF-8 bytes / 1 UTF-16 unit; "😀" is 4 bytes / 2 units.
const SourceFile kFile("f", "a\xC3\xA9" "b\xF0\x9F\x98\x80" "c\nxyz\n");

TEST(LspPositions, Utf16ToOffset) {
  EXPECT_EQ(to_offset(kFile, {0, 0}, PositionEncoding::kUtf16), 0u);
  EXPECT_EQ(to_offset(kFile, {0, 2}, PositionEncoding::kUtf16), 3u);   // before 'b'
  EXPECT_EQ(to_offset(kFile, {0, 3}, PositionEncoding::kUtf16), 4u);   // before the emoji
  EXPECT_EQ(to_offset(kFile, {0, 5}, PositionEncoding::kUtf16), 8u);   // before 'c'
  EXPECT_EQ(to_offset(kFile, {0, 99}, PositionEncoding::kUtf16), 9u);  // clamped to line end
  EXPECT_EQ(to_offset(kFile, {1, 1}, PositionEncoding::kUtf16), 11u);
  EXPECT_EQ(to_offset(kFile, {2, 0}, PositionEncoding::kUtf16), 14u);  // after the last "\n"
  EXPECT_EQ(to_offset(kFile, {7, 3}, PositionEncoding::kUtf16), 14u);
}

TEST(LspPositions, Utf8ToOffset) {
  EXPECT_EQ(to_offset(kFile, {0, 3}, PositionEncoding::kUtf8), 3u);
  EXPECT_EQ(to_offset(kFile, {0, 8}, PositionEncoding::kUtf8), 8u);
  EXPECT_EQ(to_offset(kFile, {0, 50}, PositionEncoding::kUtf8), 9u);
}

TEST(LspPositions, OffsetToPosition) {
  EXPECT_EQ(to_position(kFile, 8, PositionEncoding::kUtf16), (LspPosition{0, 5}));
  EXPECT_EQ(to_position(kFile, 8, PositionEncoding::kUtf8), (LspPosition{0, 8}));
  EXPECT_EQ(to_position(kFile, 9, PositionEncoding::kUtf16), (LspPosition{0, 6}));
  EXPECT_EQ(to_position(kFile, 10, PositionEncoding::kUtf16), (LspPosition{1, 0}));
  EXPECT_EQ(to_position(kFile, 14, PositionEncoding::kUtf16), (LspPosition{2, 0}));
}

TEST(LspPositions, CrlfTerminatorClampsToLineEnd) {
  SourceFile crlf("f", "ab\r\ncd");
  EXPECT_EQ(to_position(crlf, 3, PositionEncoding::kUtf16), (LspPosition{0, 2}));
  EXPECT_EQ(to_offset(crlf, {0, 5}, PositionEncoding::kUtf16), 2u);
  EXPECT_EQ(to_offset(crlf, {1, 2}, PositionEncoding::kUtf16), 6u);
}

TEST(LspPositions, RangeRoundTrip) {
  LspRange r = to_range(kFile, Span{4, 8}, PositionEncoding::kUtf16);
  EXPECT_EQ(r, (LspRange{{0, 3}, {0, 5}}));
  EXPECT_EQ(to_span(kFile, r, PositionEncoding::kUtf16), (Span{4, 8}));
  EXPECT_EQ(to_span(kFile, LspRange{{1, 2}, {0, 1}}, PositionEncoding::kUtf16), (Span{1, 12}));
}

TEST(LspUri, FileUrisRoundTrip) {
  EXPECT_EQ(uri_to_path("file:///home/a%20b/Dockerfile").value(), "/home/a b/Dockerfile");
  EXPECT_EQ(uri_to_path("file:///c%3A/x").value(), "/c:/x");
  EXPECT_EQ(uri_to_path("FILE://localhost/tmp/x").value(), "/tmp/x");
  EXPECT_FALSE(uri_to_path("untitled:Untitled-1").has_value());
  EXPECT_FALSE(uri_to_path("file:///bad%2").has_value());
  EXPECT_EQ(path_to_uri("/home/a b/Dockerfile.gpu"), "file:///home/a%20b/Dockerfile.gpu");
  EXPECT_EQ(path_to_uri("/x/é"), "file:///x/%C3%A9");
  EXPECT_EQ(uri_basename("file:///home/a%20b/requirements%20gpu.txt"), "requirements gpu.txt");
}

}  // namespace
}  // namespace dockml::lsp
