// SourceFile: the bytes of one input file with a line index and position conversions.
// Spans are byte ranges [begin, end) into the file's bytes (BOM included in the bytes).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dockml {

struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;
  bool empty() const { return begin == end; }
  uint32_t size() const { return end - begin; }
  bool contains(uint32_t offset) const { return offset >= begin && offset < end; }
  friend bool operator==(const Span&, const Span&) = default;
};

// 0-based line and column. `column` counts UTF-8 bytes from the start of the line.
struct Position {
  uint32_t line = 0;
  uint32_t column = 0;
  friend bool operator==(const Position&, const Position&) = default;
};

class SourceFile {
 public:
  SourceFile(std::string path, std::string bytes);

  const std::string& path() const { return path_; }
  std::string_view text() const { return bytes_; }
  uint32_t size() const { return static_cast<uint32_t>(bytes_.size()); }
  std::string_view slice(Span span) const;

  bool has_bom() const { return has_bom_; }
  // True when most line breaks are CRLF.
  bool crlf() const { return crlf_; }
  bool ends_with_newline() const { return !bytes_.empty() && bytes_.back() == '\n'; }
  // True when the bytes are valid UTF-8.
  bool valid_utf8() const { return valid_utf8_; }

  uint32_t line_count() const { return static_cast<uint32_t>(line_starts_.size()); }
  uint32_t line_start(uint32_t line) const { return line_starts_[line]; }
  // The line's bytes without its terminator ("\n" or "\r\n").
  Span line_span(uint32_t line) const;
  std::string_view line_text(uint32_t line) const { return slice(line_span(line)); }

  // Offset -> 0-based (line, byte column). Offsets past the end clamp to the end.
  Position position(uint32_t offset) const;
  // Byte column -> UTF-16 code units for the given line (LSP's default encoding).
  uint32_t utf16_column(uint32_t offset) const;
  // Display column (1 per code point, tabs expanded to `tab_width` stops), for carets.
  uint32_t display_column(uint32_t offset, uint32_t tab_width = 4) const;
  // 0-based (line, byte column) -> offset, clamped to the line's end.
  uint32_t offset(Position pos) const;
  // 0-based (line, UTF-16 column) -> offset, clamped to the line's end.
  uint32_t offset_from_utf16(uint32_t line, uint32_t utf16_column) const;

 private:
  std::string path_;
  std::string bytes_;
  std::vector<uint32_t> line_starts_;
  bool has_bom_ = false;
  bool crlf_ = false;
  bool valid_utf8_ = true;
};

using SourcePtr = std::shared_ptr<const SourceFile>;

// Why a file could not be read, with a one-line message naming the file.
struct LoadError {
  std::string message;
};

struct LoadResult {
  SourcePtr file;     // set on success
  LoadError error;    // set when file is null
};

// Largest file dockml reads; larger inputs are refused with a clear error.
inline constexpr uint64_t kMaxFileBytes = 64ull * 1024 * 1024;

// Reads a regular file (or "-" for stdin). Refuses directories, FIFOs/devices, files
// larger than kMaxFileBytes and unreadable paths with a message naming the path.
LoadResult load_source(const std::string& path);

// Validates UTF-8; returns the offset of the first invalid byte, or nullopt.
std::optional<uint32_t> first_invalid_utf8(std::string_view bytes);

}  // namespace dockml
