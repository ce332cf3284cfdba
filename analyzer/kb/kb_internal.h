// Internal to analyzer/kb: storage of the KB files and JSON helpers for the accessors.
// Rule code must include knowledge_base.h only.
#pragma once

#include <atomic>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "analyzer/kb/knowledge_base.h"

namespace dockml {

struct KnowledgeBase::Impl {
  struct File {
    std::string name;        // "cuda"
    std::string owned_text;  // text read from --kb DIR (empty for built-in files)
    std::string_view text;
    mutable std::once_flag once;
    mutable std::atomic<bool> parsed{false};  // set after `once` ran: skips call_once's set-up
    mutable nlohmann::json doc;  // parsed lazily; null when the text does not parse
  };
  std::array<File, KnowledgeBase::kFiles.size()> files;
  // Tables built from the documents once, on first use (accessors called for every file).
  mutable std::once_flag cuda_build_addons_once;
  mutable std::vector<AddonFacts> cuda_build_addons;
  // names.json, built on first use.
  struct Names {
    std::vector<SecretTokenFormat> secret_tokens;
    WeightFileNames weight_files;
    std::vector<DriverPackagePattern> driver_packages;
    SpdxLicenseList spdx;
  };
  mutable std::once_flag names_once;
  mutable Names names;
  const Names& names_data() const;
  // Memos of the queries rules ask for every requirement: torch_release() by version text.
  mutable std::mutex memo_mu;
  mutable std::map<std::string, std::optional<TorchRelease>, std::less<>> torch_releases;
  // wheel_cuda() by "name\0version": asked for every pip requirement.
  mutable std::map<std::string, std::optional<WheelCuda>, std::less<>> wheel_cudas;

  const nlohmann::json& doc(std::string_view name) const;
};

namespace kbj {

using nlohmann::json;

// The array/object member `key` of `j`, or an empty one.
const json& member(const json& j, std::string_view key);
std::string str(const json& j, std::string_view key);
std::optional<std::string> opt_str(const json& j, std::string_view key);
std::optional<Version> ver(const json& j, std::string_view key);
std::optional<int> integer(const json& j, std::string_view key);
bool flag(const json& j, std::string_view key);
std::vector<std::string> strings(const json& j, std::string_view key);

// Provenance of a row of file `file`: its sources qualified as "file:ID"; confirmed when the
// row is confirmed and `field` (if given) is not listed in its unconfirmed_fields.
Provenance provenance(const json& row, std::string_view file, std::string_view field = {});

template <typename T>
Fact<T> fact(T value, const json& row, std::string_view file, std::string_view field = {}) {
  return Fact<T>{std::move(value), provenance(row, file, field)};
}

// Versions of the same release prefix: "12.2" matches "12.2.2" (and "12.2"); "12" matches 12.x.
bool same_release_prefix(const Version& v, const Version& prefix);

}  // namespace kbj
}  // namespace dockml
