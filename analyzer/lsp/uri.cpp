#include "analyzer/lsp/uri.h"

#include <cctype>
#include <filesystem>
#include <system_error>

namespace dockml::lsp {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::string> percent_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out.push_back(s[i]);
      continue;
    }
    if (i + 2 >= s.size()) return std::nullopt;
    int hi = hex_value(s[i + 1]);
    int lo = hex_value(s[i + 2]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out.push_back(static_cast<char>(hi * 16 + lo));
    i += 2;
  }
  return out;
}

bool unreserved(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
}

}  // namespace

std::optional<std::string> uri_to_path(std::string_view uri) {
  constexpr std::string_view kScheme = "file://";
  if (uri.size() < kScheme.size()) return std::nullopt;
  for (size_t i = 0; i < kScheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(uri[i])) != kScheme[i]) return std::nullopt;
  }
  std::string_view rest = uri.substr(kScheme.size());
  // Authority (host) up to the next '/': "localhost" or empty for local files.
  size_t slash = rest.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  std::string_view host = rest.substr(0, slash);
  std::string_view path = rest.substr(slash);
  size_t cut = path.find_first_of("?#");
  if (cut != std::string_view::npos) path = path.substr(0, cut);
  auto decoded = percent_decode(path);
  if (!decoded) return std::nullopt;
  if (!host.empty() && host != "localhost") return "//" + std::string(host) + *decoded;
  return decoded;
}

std::string path_to_uri(std::string_view path) {
  std::string abs(path);
  if (abs.empty() || abs.front() != '/') {
    std::error_code ec;
    auto p = std::filesystem::absolute(std::filesystem::path(abs), ec);
    if (!ec) abs = p.lexically_normal().string();
  }
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out = "file://";
  for (unsigned char c : abs) {
    if (unreserved(c)) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

std::string uri_basename(std::string_view uri) {
  size_t cut = uri.find_first_of("?#");
  if (cut != std::string_view::npos && uri.substr(0, 7) == "file://") uri = uri.substr(0, cut);
  size_t slash = uri.find_last_of('/');
  std::string_view last = slash == std::string_view::npos ? uri : uri.substr(slash + 1);
  auto decoded = percent_decode(last);
  return decoded ? *decoded : std::string(last);
}

}  // namespace dockml::lsp
