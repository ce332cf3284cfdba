#include "analyzer/render/location.h"

#include <algorithm>

namespace dockml {

uint32_t char_column(const SourceFile& file, uint32_t offset) {
  offset = std::min(offset, file.size());
  Position pos = file.position(offset);
  std::string_view text = file.text();
  uint32_t begin = file.line_start(pos.line);
  if (pos.line == 0 && file.has_bom()) begin = std::min<uint32_t>(3, offset);  // BOM is invisible
  uint32_t col = 0;
  for (uint32_t i = begin; i < offset; ++i) {
    // Count every byte that is not a UTF-8 continuation byte (invalid bytes count once).
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++col;
  }
  return col;
}

Location char_location(const SourceFile& file, Span span) {
  uint32_t begin = std::min(span.begin, file.size());
  uint32_t end = std::min(std::max(span.end, begin), file.size());
  Location loc;
  loc.line = file.position(begin).line + 1;
  loc.column = char_column(file, begin) + 1;
  loc.end_line = file.position(end).line + 1;
  loc.end_column = char_column(file, end) + 1;
  return loc;
}

std::string display_path(const SourceFile& file) {
  return file.path() == "-" ? std::string("<stdin>") : file.path();
}

}  // namespace dockml
