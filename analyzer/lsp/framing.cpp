#include "analyzer/lsp/framing.h"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace dockml::lsp {

namespace {

constexpr size_t kMaxHeaderLine = 8192;

enum class LineStatus { kLine, kEof, kTooLong };

// Reads up to '\n' (dropping "\r\n"/"\n"). Over-long lines are consumed and flagged.
LineStatus read_header_line(std::istream& in, std::string& line) {
  line.clear();
  bool too_long = false;
  std::streambuf* buf = in.rdbuf();
  while (true) {
    int c = buf->sbumpc();
    if (c == std::char_traits<char>::eof()) {
      in.setstate(std::ios::eofbit);
      return LineStatus::kEof;
    }
    if (c == '\n') break;
    if (line.size() < kMaxHeaderLine) line.push_back(static_cast<char>(c));
    else too_long = true;
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return too_long ? LineStatus::kTooLong : LineStatus::kLine;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Discards `n` bytes; false when the stream ended first.
bool skip_bytes(std::istream& in, size_t n) {
  char scratch[65536];
  while (n > 0) {
    size_t chunk = std::min(n, sizeof scratch);
    in.read(scratch, static_cast<std::streamsize>(chunk));
    if (static_cast<size_t>(in.gcount()) != chunk) return false;
    n -= chunk;
  }
  return true;
}

}  // namespace

ReadResult read_message(std::istream& in, size_t max_body) {
  ReadResult result;
  std::string line;
  bool have_length = false;
  bool bad_length = false;
  std::string bad_value;
  size_t length = 0;
  bool saw_any = false;
  while (true) {
    LineStatus st = read_header_line(in, line);
    if (st == LineStatus::kEof) {
      result.status = ReadStatus::kEof;
      return result;
    }
    if (st == LineStatus::kTooLong) {
      saw_any = true;
      bad_length = bad_length || !have_length;
      continue;
    }
    if (line.empty()) {
      if (!saw_any) continue;  // stray blank lines between messages
      break;
    }
    saw_any = true;
    size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    if (!iequals(trim(std::string_view(line).substr(0, colon)), "Content-Length")) continue;
    std::string_view value = trim(std::string_view(line).substr(colon + 1));
    size_t parsed = 0;
    auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), parsed);
    if (ec != std::errc() || ptr != value.data() + value.size() || value.empty()) {
      bad_length = true;
      bad_value = std::string(value);
      continue;
    }
    have_length = true;
    bad_length = false;
    length = parsed;
  }
  if (!have_length) {
    result.status = ReadStatus::kBadHeader;
    result.error = bad_length ? "invalid Content-Length header: '" + bad_value + "'"
                              : "missing Content-Length header";
    return result;
  }
  if (length > max_body) {
    if (!skip_bytes(in, length)) {
      result.status = ReadStatus::kEof;
      return result;
    }
    result.status = ReadStatus::kBadHeader;
    result.error = "message of " + std::to_string(length) + " bytes exceeds the " +
                   std::to_string(max_body) + "-byte limit";
    return result;
  }
  result.body.resize(length);
  in.read(result.body.data(), static_cast<std::streamsize>(length));
  if (static_cast<size_t>(in.gcount()) != length) {
    result.body.clear();
    result.status = ReadStatus::kEof;
    return result;
  }
  result.status = ReadStatus::kMessage;
  return result;
}

std::string frame_message(std::string_view body) {
  std::string out = "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
  out.append(body);
  return out;
}

}  // namespace dockml::lsp
