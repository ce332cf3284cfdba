#include "analyzer/source/source_file.h"

#include <gtest/gtest.h>

namespace dockml {
namespace {

TEST(SourceFile, LineIndexAndPositions) {
  SourceFile f("Dockerfile", "FROM a\nRUN b\n\nCMD c");
  EXPECT_EQ(f.line_count(), 4u);
  EXPECT_EQ(f.line_text(0), "FROM a");
  EXPECT_EQ(f.line_text(2), "");
  EXPECT_EQ(f.line_text(3), "CMD c");
  EXPECT_EQ(f.position(9), (Position{1, 2}));
  EXPECT_EQ(f.offset(Position{3, 4}), 18u);
  EXPECT_EQ(f.offset(Position{0, 99}), 6u);  // clamped to the line's end
  EXPECT_FALSE(f.ends_with_newline());
  EXPECT_FALSE(f.crlf());
}

TEST(SourceFile, CrlfAndBom) {
  SourceFile f("Dockerfile", "\xEF\xBB\xBF" "FROM a\r\nRUN b\r\n");
  EXPECT_TRUE(f.has_bom());
  EXPECT_TRUE(f.crlf());
  EXPECT_EQ(f.line_count(), 2u);
  EXPECT_EQ(f.line_text(1), "RUN b");
  EXPECT_TRUE(f.ends_with_newline());
}

TEST(SourceFile, Utf16AndDisplayColumns) {
  // "é" is 2 bytes / 1 UTF-16 unit; "😀" is 4 bytes / 2 units.
  SourceFile f("x", "a\xC3\xA9\xF0\x9F\x98\x80z\n\tq");
  EXPECT_EQ(f.utf16_column(3), 2u);   // before the emoji
  EXPECT_EQ(f.utf16_column(7), 4u);   // before 'z'
  EXPECT_EQ(f.offset_from_utf16(0, 4), 7u);
  EXPECT_EQ(f.offset_from_utf16(0, 99), 8u);
  EXPECT_EQ(f.display_column(7), 3u);
  EXPECT_EQ(f.display_column(10, 4), 4u);  // after the tab
}

TEST(SourceFile, InvalidUtf8) {
  EXPECT_FALSE(first_invalid_utf8("plain \xC3\xA9").has_value());
  EXPECT_EQ(first_invalid_utf8("ab\xFF" "c"), 2u);
  EXPECT_EQ(first_invalid_utf8("a\xC3"), 1u);           // truncated sequence
  EXPECT_EQ(first_invalid_utf8("\xED\xA0\x80"), 0u);    // surrogate
  EXPECT_EQ(first_invalid_utf8("\xC0\x80"), 0u);        // overlong
  SourceFile f("x", "a\xFF");
  EXPECT_FALSE(f.valid_utf8());
}

TEST(LoadSource, MissingAndDirectory) {
  LoadResult missing = load_source("/nonexistent/dockml/Dockerfile");
  ASSERT_FALSE(missing.file);
  EXPECT_EQ(missing.error.message, "/nonexistent/dockml/Dockerfile: No such file or directory");
  LoadResult dir = load_source("/tmp");
  ASSERT_FALSE(dir.file);
  EXPECT_EQ(dir.error.message, "/tmp: is a directory");
}

}  // namespace
}  // namespace dockml
