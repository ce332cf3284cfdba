// LSP positions (line, character in the negotiated encoding) <-> byte offsets of a SourceFile.
#pragma once

#include <cstdint>
#include <string_view>

#include "analyzer/source/source_file.h"

namespace dockml::lsp {

enum class PositionEncoding { kUtf16, kUtf8 };

std::string_view encoding_name(PositionEncoding e);  // "utf-16", "utf-8"

struct LspPosition {
  uint32_t line = 0;
  uint32_t character = 0;
  friend bool operator==(const LspPosition&, const LspPosition&) = default;
};

struct LspRange {
  LspPosition start;
  LspPosition end;
  friend bool operator==(const LspRange&, const LspRange&) = default;
};

// Position -> byte offset. A character past the line's end clamps to the end of the line
// (before its terminator); a line past the last one maps to the end of the file.
uint32_t to_offset(const SourceFile& file, LspPosition pos, PositionEncoding enc);

// Byte offset -> position. An offset just past a final "\n" is (line_count, 0); an offset
// inside a "\r\n" terminator clamps to the end of its line.
LspPosition to_position(const SourceFile& file, uint32_t offset, PositionEncoding enc);

LspRange to_range(const SourceFile& file, Span span, PositionEncoding enc);
Span to_span(const SourceFile& file, LspRange range, PositionEncoding enc);

}  // namespace dockml::lsp
