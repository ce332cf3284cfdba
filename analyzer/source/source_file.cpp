#include "analyzer/source/source_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <iostream>
#include <iterator>

namespace dockml {

namespace {

// Length of the UTF-8 sequence starting at s[i], or 0 when invalid.
uint32_t utf8_sequence_length(std::string_view s, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  if (c < 0x80) return 1;
  uint32_t len = 0;
  uint32_t min_cp = 0;
  uint32_t cp = 0;
  if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; min_cp = 0x80; }
  else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; min_cp = 0x800; }
  else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; min_cp = 0x10000; }
  else return 0;
  if (i + len > s.size()) return 0;
  for (uint32_t k = 1; k < len; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  if (cp < min_cp || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

}  // namespace

std::optional<uint32_t> first_invalid_utf8(std::string_view bytes) {
  size_t i = 0;
  while (i < bytes.size()) {
    if (static_cast<unsigned char>(bytes[i]) < 0x80) { ++i; continue; }
    uint32_t len = utf8_sequence_length(bytes, i);
    if (len == 0) return static_cast<uint32_t>(i);
    i += len;
  }
  return std::nullopt;
}

SourceFile::SourceFile(std::string path, std::string bytes)
    : path_(std::move(path)), bytes_(std::move(bytes)) {
  has_bom_ = bytes_.size() >= 3 && bytes_.compare(0, 3, "\xEF\xBB\xBF") == 0;
  line_starts_.push_back(0);
  size_t crlf = 0, lf = 0;
  for (size_t i = 0; i < bytes_.size(); ++i) {
    if (bytes_[i] == '\n') {
      if (i > 0 && bytes_[i - 1] == '\r') ++crlf; else ++lf;
      if (i + 1 < bytes_.size()) line_starts_.push_back(static_cast<uint32_t>(i + 1));
    }
  }
  crlf_ = crlf > lf;
  valid_utf8_ = !first_invalid_utf8(bytes_).has_value();
}

std::string_view SourceFile::slice(Span span) const {
  uint32_t b = std::min(span.begin, size());
  uint32_t e = std::min(std::max(span.end, b), size());
  return std::string_view(bytes_).substr(b, e - b);
}

Span SourceFile::line_span(uint32_t line) const {
  if (line >= line_starts_.size()) return Span{size(), size()};
  uint32_t b = line_starts_[line];
  uint32_t e = line + 1 < line_starts_.size() ? line_starts_[line + 1] : size();
  if (e > b && bytes_[e - 1] == '\n') --e;
  if (e > b && bytes_[e - 1] == '\r') --e;
  return Span{b, e};
}

Position SourceFile::position(uint32_t offset) const {
  offset = std::min(offset, size());
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  uint32_t line = static_cast<uint32_t>(std::distance(line_starts_.begin(), it)) - 1;
  return Position{line, offset - line_starts_[line]};
}

uint32_t SourceFile::utf16_column(uint32_t offset) const {
  Position pos = position(offset);
  uint32_t i = line_starts_[pos.line];
  uint32_t end = std::min(offset, size());
  uint32_t units = 0;
  while (i < end) {
    uint32_t len = utf8_sequence_length(bytes_, i);
    if (len == 0) { ++units; ++i; continue; }  // invalid byte counts as one unit
    units += len == 4 ? 2 : 1;
    i += len;
  }
  return units;
}

uint32_t SourceFile::display_column(uint32_t offset, uint32_t tab_width) const {
  Position pos = position(offset);
  uint32_t i = line_starts_[pos.line];
  uint32_t end = std::min(offset, size());
  uint32_t col = 0;
  while (i < end) {
    if (bytes_[i] == '\t') { col += tab_width - (col % tab_width); ++i; continue; }
    uint32_t len = utf8_sequence_length(bytes_, i);
    i += len == 0 ? 1 : len;
    ++col;
  }
  return col;
}

uint32_t SourceFile::offset(Position pos) const {
  if (pos.line >= line_starts_.size()) return size();
  Span line = line_span(pos.line);
  return std::min(line.begin + pos.column, line.end);
}

uint32_t SourceFile::offset_from_utf16(uint32_t line, uint32_t utf16_col) const {
  if (line >= line_starts_.size()) return size();
  Span span = line_span(line);
  uint32_t i = span.begin;
  uint32_t units = 0;
  while (i < span.end && units < utf16_col) {
    uint32_t len = utf8_sequence_length(bytes_, i);
    if (len == 0) { ++units; ++i; continue; }
    units += len == 4 ? 2 : 1;
    i += len;
  }
  return i;
}

LoadResult load_source(const std::string& path) {
  LoadResult result;
  std::string bytes;
  if (path == "-") {
    bytes.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    if (bytes.size() > kMaxFileBytes) {
      result.error.message = "<stdin>: input is larger than the 64 MiB limit";
      return result;
    }
    result.file = std::make_shared<SourceFile>("-", std::move(bytes));
    return result;
  }
  struct stat st{};
  if (::stat(path.c_str(), &st) != 0) {
    result.error.message = path + ": " + std::strerror(errno);
    return result;
  }
  if (S_ISDIR(st.st_mode)) {
    result.error.message = path + ": is a directory";
    return result;
  }
  if (!S_ISREG(st.st_mode)) {
    result.error.message = path + ": not a regular file (FIFO, socket or device); skipped";
    return result;
  }
  if (static_cast<uint64_t>(st.st_size) > kMaxFileBytes) {
    result.error.message = path + ": file is " + std::to_string(st.st_size / (1024 * 1024)) +
                           " MiB, larger than the 64 MiB limit; skipped";
    return result;
  }
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    result.error.message = path + ": " + std::strerror(errno);
    return result;
  }
  bytes.resize(static_cast<size_t>(st.st_size));
  size_t done = 0;
  // Past the size stat() gave (the end-of-file probe, or a file that grew), reads go to a
  // small buffer appended to the text: no zero-filled slack to allocate and shrink again.
  char probe[4096];
  while (true) {
    bool past_size = done == bytes.size();
    char* into = past_size ? probe : bytes.data() + done;
    size_t room = past_size ? sizeof probe : bytes.size() - done;
    ssize_t n = ::read(fd, into, room);
    if (n < 0) {
      if (errno == EINTR) continue;
      result.error.message = path + ": " + std::strerror(errno);
      ::close(fd);
      return result;
    }
    if (n == 0) break;
    if (past_size) bytes.append(probe, static_cast<size_t>(n));
    done += static_cast<size_t>(n);
    if (done > kMaxFileBytes) {
      result.error.message = path + ": file is larger than the 64 MiB limit; skipped";
      ::close(fd);
      return result;
    }
  }
  ::close(fd);
  bytes.resize(done);
  bytes.shrink_to_fit();  // a no-op unless the file grew while read: kept per file until rendering
  result.file = std::make_shared<SourceFile>(path, std::move(bytes));
  return result;
}

}  // namespace dockml
