// Version parsing and comparison for the knowledge base and the rules.
// One PEP 440-ish type covers framework versions ("2.1.0+cu118", "2.0.0a0+1767026",
// "1.13.0.dev20221101", "2.5.1.post117"), CUDA versions ("12.1.1", "12.1") and driver
// versions ("535.104.05", "570.26"). Release components compare numerically with missing
// trailing components treated as 0 ("12.1" == "12.1.0"); pre/dev/post segments order as
// in PEP 440 (dev < a < b < rc < final < post); the local label ("+cu118") is kept but
// does not take part in ordering.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dockml {

class Version {
 public:
  enum class PreKind : uint8_t { kNone, kA, kB, kRc };

  // Parses "[v]N(.N)*[{a|b|rc}N][.postN][.devN][+local]". Leading zeros are allowed
  // ("535.54.03" keeps its text). Returns nullopt for anything else (empty, "latest",
  // "${VER}", "1..2", more than 8 release components, numbers above 2^31).
  static std::optional<Version> parse(std::string_view text);

  const std::vector<uint32_t>& release() const { return release_; }
  size_t size() const { return release_.size(); }
  uint32_t major() const { return component(0); }
  uint32_t minor() const { return component(1); }
  uint32_t patch() const { return component(2); }
  uint32_t component(size_t i) const { return i < release_.size() ? release_[i] : 0; }

  PreKind pre_kind() const { return pre_kind_; }
  uint32_t pre_number() const { return pre_number_; }
  bool is_prerelease() const { return pre_kind_ != PreKind::kNone || dev_.has_value(); }
  std::optional<uint32_t> post() const { return post_; }
  std::optional<uint32_t> dev() const { return dev_; }
  const std::string& local() const { return local_; }  // "cu118" (without '+'), "" if none

  // The text as given (trimmed of a leading 'v').
  const std::string& str() const { return text_; }
  // Only the release components joined with '.', e.g. "2.1.0" for "2.1.0+cu118".
  std::string release_string() const;
  // The first `n` release components ("12.1" for n=2 of "12.1.1"); pads with 0.
  Version truncated(size_t n) const;

  // True when this version's release starts with all components of `prefix`
  // ("12.2.2" has prefix "12.2"; "12.2" has prefix "12"; "12.20" does not have "12.2").
  bool has_prefix(const Version& prefix) const;

  // Ordering without the local label. "12.1" == "12.1.0".
  std::strong_ordering operator<=>(const Version& other) const;
  bool operator==(const Version& other) const { return (*this <=> other) == 0; }

 private:
  std::vector<uint32_t> release_;
  PreKind pre_kind_ = PreKind::kNone;
  uint32_t pre_number_ = 0;
  std::optional<uint32_t> post_;
  std::optional<uint32_t> dev_;
  std::string local_;
  std::string text_;
};

// "cu118" -> 11.8, "cu102" -> 10.2, "cu92" -> 9.2, "cu130" -> 13.0 (last digit is the minor).
// Also accepts "cuda11.8" / "cuda12". nullopt for anything else ("cpu", "rocm6.0", "cu").
std::optional<Version> cuda_from_variant(std::string_view variant);
// 11.8 -> "cu118", 13.0 -> "cu130".
std::string variant_from_cuda(const Version& cuda);

}  // namespace dockml
