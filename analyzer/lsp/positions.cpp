#include "analyzer/lsp/positions.h"

#include <algorithm>

namespace dockml::lsp {

std::string_view encoding_name(PositionEncoding e) {
  return e == PositionEncoding::kUtf8 ? "utf-8" : "utf-16";
}

uint32_t to_offset(const SourceFile& file, LspPosition pos, PositionEncoding enc) {
  if (pos.line >= file.line_count()) return file.size();
  if (enc == PositionEncoding::kUtf8) return file.offset(Position{pos.line, pos.character});
  return file.offset_from_utf16(pos.line, pos.character);
}

LspPosition to_position(const SourceFile& file, uint32_t offset, PositionEncoding enc) {
  offset = std::min(offset, file.size());
  Position p = file.position(offset);
  Span line = file.line_span(p.line);
  if (offset > line.end) {
    // Inside or after the line terminator.
    if (offset == file.size() && file.ends_with_newline()) return LspPosition{p.line + 1, 0};
    offset = line.end;
  }
  if (enc == PositionEncoding::kUtf8) return LspPosition{p.line, offset - line.begin};
  return LspPosition{p.line, file.utf16_column(offset)};
}

LspRange to_range(const SourceFile& file, Span span, PositionEncoding enc) {
  return LspRange{to_position(file, span.begin, enc), to_position(file, span.end, enc)};
}

Span to_span(const SourceFile& file, LspRange range, PositionEncoding enc) {
  uint32_t b = to_offset(file, range.start, enc);
  uint32_t e = to_offset(file, range.end, enc);
  if (e < b) std::swap(b, e);
  return Span{b, e};
}

}  // namespace dockml::lsp
