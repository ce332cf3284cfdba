#include "rules/compat/arch_values.h"

#include <re2/re2.h>

#include <cctype>

namespace dockml::rules::compat {

namespace {

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

// X.Y with digits only.
std::optional<Version> dotted(std::string_view s) {
  size_t dot = s.find('.');
  if (dot == std::string_view::npos || !all_digits(s.substr(0, dot)) || !all_digits(s.substr(dot + 1)))
    return std::nullopt;
  return Version::parse(s);
}

template <typename F>
void split_tokens(std::string_view value, std::string_view separators, F&& each) {
  size_t i = 0;
  while (i < value.size()) {
    while (i < value.size() && separators.find(value[i]) != std::string_view::npos) ++i;
    size_t b = i;
    while (i < value.size() && separators.find(value[i]) == std::string_view::npos) ++i;
    if (i > b) each(value.substr(b, i - b), b);
  }
}

}  // namespace

std::optional<Version> sm_from_digits(std::string_view d) {
  if (!all_digits(d) || d.size() < 2 || d.size() > 3) return std::nullopt;
  std::string v = std::string(d.substr(0, d.size() - 1)) + "." + std::string(d.substr(d.size() - 1));
  return Version::parse(v);
}

std::optional<Version> parse_gpu_arch(std::string_view s) {
  if (s.starts_with("sm_")) s.remove_prefix(3);
  else if (s.starts_with("sm")) s.remove_prefix(2);
  if (auto v = dotted(s)) return v;
  return sm_from_digits(s);
}

std::vector<ArchToken> torch_arch_tokens(std::string_view value) {
  std::vector<ArchToken> out;
  split_tokens(value, " ;,\t\"'", [&](std::string_view tok, size_t off) {
    std::string_view num = tok;
    if (size_t plus = num.find('+'); plus != std::string_view::npos) num = num.substr(0, plus);
    if (auto v = dotted(num)) out.push_back({*v, std::string(tok), off});
  });
  return out;
}

std::vector<ArchToken> cmake_arch_tokens(std::string_view value) {
  std::vector<ArchToken> out;
  split_tokens(value, " ;,\t\"'", [&](std::string_view tok, size_t off) {
    std::string_view num = tok;
    if (size_t dash = num.find('-'); dash != std::string_view::npos) num = num.substr(0, dash);
    while (!num.empty() && std::isalpha(static_cast<unsigned char>(num.back()))) num.remove_suffix(1);
    if (auto v = sm_from_digits(num)) out.push_back({*v, std::string(tok), off});
  });
  return out;
}

std::vector<ArchToken> nvcc_arch_tokens(std::string_view value) {
  static const RE2 kArch(R"(((?:compute|sm|lto)_(\d{2,3})[a-z]?))");
  std::vector<ArchToken> out;
  bool flagged = value.find("arch=") != std::string_view::npos || value.find("code=") != std::string_view::npos ||
                 value.find("-arch") != std::string_view::npos ||
                 value.find("-gencode") != std::string_view::npos ||
                 value.find("--gpu-architecture") != std::string_view::npos ||
                 value.find("--gpu-code") != std::string_view::npos;
  if (!flagged) return out;
  re2::StringPiece input(value.data(), value.size());
  re2::StringPiece whole, digits;
  while (RE2::FindAndConsume(&input, kArch, &whole, &digits)) {
    if (auto v = sm_from_digits(std::string_view(digits.data(), digits.size())))
      out.push_back({*v, std::string(whole.data(), whole.size()),
                     static_cast<size_t>(whole.data() - value.data())});
  }
  return out;
}

std::string sm_name(const Version& sm) {
  return "sm_" + std::to_string(sm.major()) + std::to_string(sm.minor());
}

}  // namespace dockml::rules::compat
