#include "analyzer/kb/version.h"

#include <cctype>

namespace dockml {
namespace {

constexpr size_t kMaxComponents = 8;
constexpr uint64_t kMaxNumber = 0x7fffffff;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads digits at `pos`; false when there are none or the number is too large.
bool read_number(std::string_view s, size_t& pos, uint32_t& out) {
  size_t start = pos;
  uint64_t value = 0;
  while (pos < s.size() && is_digit(s[pos])) {
    value = value * 10 + static_cast<uint64_t>(s[pos] - '0');
    if (value > kMaxNumber) return false;
    ++pos;
  }
  if (pos == start) return false;
  out = static_cast<uint32_t>(value);
  return true;
}

bool starts_with_ci(std::string_view s, size_t pos, std::string_view word) {
  if (s.size() - pos < word.size()) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[pos + i])) != word[i]) return false;
  }
  return true;
}

bool is_separator(char c) { return c == '.' || c == '-' || c == '_'; }

// Matches one of `words` at `pos` (after an optional separator); advances past it.
bool match_word(std::string_view s, size_t& pos, std::initializer_list<std::string_view> words) {
  size_t p = pos;
  if (p < s.size() && is_separator(s[p])) ++p;
  for (std::string_view w : words) {
    if (starts_with_ci(s, p, w)) {
      pos = p + w.size();
      return true;
    }
  }
  return false;
}

// An optional separator then an optional number (PEP 440 implicit 0).
uint32_t read_segment_number(std::string_view s, size_t& pos, bool& ok) {
  size_t p = pos;
  if (p < s.size() && is_separator(s[p]) && p + 1 < s.size() && is_digit(s[p + 1])) ++p;
  uint32_t n = 0;
  if (p < s.size() && is_digit(s[p])) {
    if (!read_number(s, p, n)) {
      ok = false;
      return 0;
    }
  }
  pos = p;
  return n;
}

int pre_rank(Version::PreKind k) {
  switch (k) {
    case Version::PreKind::kA: return 1;
    case Version::PreKind::kB: return 2;
    case Version::PreKind::kRc: return 3;
    case Version::PreKind::kNone: return 4;
  }
  return 4;
}

}  // namespace

std::optional<Version> Version::parse(std::string_view text) {
  std::string_view s = text;
  if (!s.empty() && (s[0] == 'v' || s[0] == 'V')) s.remove_prefix(1);
  if (s.empty() || !is_digit(s[0])) return std::nullopt;
  Version v;
  size_t pos = 0;
  for (;;) {
    uint32_t n = 0;
    if (!read_number(s, pos, n)) return std::nullopt;
    v.release_.push_back(n);
    if (v.release_.size() > kMaxComponents) return std::nullopt;
    if (pos + 1 < s.size() && s[pos] == '.' && is_digit(s[pos + 1])) {
      ++pos;
      continue;
    }
    break;
  }
  bool ok = true;
  // Pre-release.
  if (match_word(s, pos, {"alpha", "a"})) {
    v.pre_kind_ = PreKind::kA;
    v.pre_number_ = read_segment_number(s, pos, ok);
  } else if (match_word(s, pos, {"beta", "b"})) {
    v.pre_kind_ = PreKind::kB;
    v.pre_number_ = read_segment_number(s, pos, ok);
  } else if (match_word(s, pos, {"rc", "c", "preview", "pre"})) {
    v.pre_kind_ = PreKind::kRc;
    v.pre_number_ = read_segment_number(s, pos, ok);
  }
  if (!ok) return std::nullopt;
  if (match_word(s, pos, {"post", "rev", "r"})) {
    v.post_ = read_segment_number(s, pos, ok);
    if (!ok) return std::nullopt;
  }
  if (match_word(s, pos, {"dev"})) {
    v.dev_ = read_segment_number(s, pos, ok);
    if (!ok) return std::nullopt;
  }
  if (pos < s.size() && s[pos] == '+') {
    std::string_view local = s.substr(pos + 1);
    if (local.empty()) return std::nullopt;
    for (char c : local) {
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_')) {
        return std::nullopt;
      }
    }
    v.local_ = std::string(local);
    pos = s.size();
  }
  if (pos != s.size()) return std::nullopt;
  v.text_ = std::string(s);
  return v;
}

std::string Version::release_string() const {
  std::string out;
  for (size_t i = 0; i < release_.size(); ++i) {
    if (i) out += '.';
    out += std::to_string(release_[i]);
  }
  return out;
}

Version Version::truncated(size_t n) const {
  Version v;
  for (size_t i = 0; i < n; ++i) v.release_.push_back(component(i));
  v.text_ = v.release_string();
  return v;
}

bool Version::has_prefix(const Version& prefix) const {
  if (prefix.release_.size() > release_.size()) return false;
  for (size_t i = 0; i < prefix.release_.size(); ++i) {
    if (release_[i] != prefix.release_[i]) return false;
  }
  return true;
}

std::strong_ordering Version::operator<=>(const Version& other) const {
  size_t n = std::max(release_.size(), other.release_.size());
  for (size_t i = 0; i < n; ++i) {
    if (auto c = component(i) <=> other.component(i); c != 0) return c;
  }
  // A dev release without pre/post sorts before the pre-releases of the same release.
  auto rank = [](const Version& v) {
    if (v.pre_kind_ == PreKind::kNone && !v.post_ && v.dev_) return 0;
    return pre_rank(v.pre_kind_);
  };
  if (auto c = rank(*this) <=> rank(other); c != 0) return c;
  if (auto c = pre_number_ <=> other.pre_number_; c != 0) return c;
  auto post_key = [](const Version& v) -> int64_t { return v.post_ ? int64_t(*v.post_) : -1; };
  if (auto c = post_key(*this) <=> post_key(other); c != 0) return c;
  // Within the same pre/post, a dev release sorts first.
  auto dev_key = [](const Version& v) -> int64_t { return v.dev_ ? int64_t(*v.dev_) : INT64_MAX; };
  return dev_key(*this) <=> dev_key(other);
}

std::optional<Version> cuda_from_variant(std::string_view variant) {
  std::string_view s = variant;
  if (s.starts_with("cuda")) {
    s.remove_prefix(4);
    auto v = Version::parse(s);
    if (!v || v->size() > 3 || v->is_prerelease() || !v->local().empty() || v->post()) {
      return std::nullopt;
    }
    return v;
  }
  if (!s.starts_with("cu")) return std::nullopt;
  s.remove_prefix(2);
  if (s.size() < 2 || s.size() > 4) return std::nullopt;
  for (char c : s) {
    if (!is_digit(c)) return std::nullopt;
  }
  std::string text = std::string(s.substr(0, s.size() - 1)) + "." + s.back();
  return Version::parse(text);
}

std::string variant_from_cuda(const Version& cuda) {
  return "cu" + std::to_string(cuda.major()) + std::to_string(cuda.minor());
}

}  // namespace dockml
