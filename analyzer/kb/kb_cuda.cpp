// CUDA and image accessors of the knowledge base (cuda.json, images.json).
#include <fmt/format.h>

#include "analyzer/kb/kb_internal.h"

namespace dockml {

using nlohmann::json;
using namespace kbj;

namespace {

void merge(Provenance& into, const Provenance& p) {
  for (const auto& s : p.sources) {
    if (std::find(into.sources.begin(), into.sources.end(), s) == into.sources.end()) {
      into.sources.push_back(s);
    }
  }
  into.confirmed = into.confirmed && p.confirmed;
}

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  for (;;) {
    size_t pos = s.find(sep, start);
    out.emplace_back(s.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start));
    if (pos == std::string_view::npos) break;
    start = pos + 1;
  }
  return out;
}

const json& first_of(const json& arr) {
  static const json kNull;
  return arr.is_array() && !arr.empty() ? arr[0] : kNull;
}

}  // namespace

std::optional<CudaDriverRequirement> KnowledgeBase::cuda_min_driver(const Version& cuda) const {
  for (const auto& row : member(impl_->doc("cuda"), "toolkits")) {
    auto minor = ver(row, "version");
    if (!minor || !same_release_prefix(cuda.truncated(std::max<size_t>(2, cuda.size())), *minor)) continue;
    const json& releases = member(row, "releases");
    if (!releases.is_array() || releases.empty()) return std::nullopt;
    const json* chosen = &releases[0];
    bool exact = false;
    if (cuda.size() >= 3) {
      for (const auto& r : releases) {
        if (auto v = ver(r, "version"); v && *v == cuda) {
          chosen = &r;
          exact = true;
        }
      }
    }
    auto toolkit = ver(*chosen, "version");
    auto driver = ver(*chosen, "linux");
    if (!toolkit || !driver) return std::nullopt;
    return CudaDriverRequirement{*toolkit, str(*chosen, "label"), *driver, exact,
                                 provenance(row, "cuda")};
  }
  return std::nullopt;
}

static std::optional<MinorCompatFloor> compat_row(const json& row) {
  auto major = integer(row, "major");
  auto first = integer(row, "first_minor");
  auto last = integer(row, "last_minor");
  auto floor = ver(row, "linux_floor");
  if (!major || !first || !last || !floor) return std::nullopt;
  return MinorCompatFloor{*major, *first, *last, *floor, ver(row, "linux_below"),
                          provenance(row, "cuda")};
}

std::optional<MinorCompatFloor> KnowledgeBase::cuda_minor_compat_floor(const Version& cuda) const {
  for (const auto& row : member(impl_->doc("cuda"), "minor_compat")) {
    auto r = compat_row(row);
    if (r && r->major == int(cuda.major()) && int(cuda.minor()) >= r->first_minor &&
        int(cuda.minor()) <= r->last_minor) {
      return r;
    }
  }
  return std::nullopt;
}

std::optional<MinorCompatFloor> KnowledgeBase::cuda_minor_compat_floor(int major) const {
  std::optional<MinorCompatFloor> best;
  for (const auto& row : member(impl_->doc("cuda"), "minor_compat")) {
    auto r = compat_row(row);
    if (r && r->major == major && (!best || best->linux_floor < r->linux_floor)) best = r;
  }
  return best;
}

std::optional<ArchInfo> KnowledgeBase::arch_info(const Version& sm) const {
  for (const auto& row : member(impl_->doc("cuda"), "architectures")) {
    auto s = ver(row, "sm");
    auto first = ver(row, "first_cuda");
    if (s && first && *s == sm) {
      return ArchInfo{*s, str(row, "name"), *first, integer(row, "last_cuda_major"),
                      provenance(row, "cuda")};
    }
  }
  return std::nullopt;
}

std::optional<Fact<bool>> KnowledgeBase::arch_supported(const Version& cuda, const Version& sm) const {
  auto info = arch_info(sm);
  if (!info) return std::nullopt;
  bool ok = cuda >= info->first_cuda &&
            (!info->last_cuda_major || int(cuda.major()) <= *info->last_cuda_major);
  return Fact<bool>{ok, info->from};
}

bool KnowledgeBase::cuda_never_released(const Version& cuda) const {
  for (const auto& row : member(impl_->doc("cuda"), "never_released")) {
    if (auto v = ver(row, "version"); v && cuda.truncated(2) == *v) return true;
  }
  return false;
}

std::optional<Fact<Version>> KnowledgeBase::image_cudnn(const Version& cuda_image) const {
  for (const auto& row : member(impl_->doc("cuda"), "image_cudnn")) {
    auto image = ver(row, "image");
    auto cudnn = ver(row, "cudnn");
    if (image && cudnn && *image == cuda_image) return fact(*cudnn, row, "cuda");
  }
  return std::nullopt;
}

std::optional<Fact<std::string>> KnowledgeBase::image_family(std::string_view registry,
                                                             std::string_view path) const {
  for (const auto& row : member(impl_->doc("images"), "repositories")) {
    if (str(row, "registry") != registry) continue;
    std::string p = str(row, "path");
    bool match = flag(row, "prefix") ? std::string_view(path).starts_with(p) && path.size() > p.size()
                                     : path == p;
    if (match) return fact(str(row, "family"), row, "images");
  }
  return std::nullopt;
}

std::optional<FlavorInfo> KnowledgeBase::cuda_flavor(std::string_view flavor) const {
  for (const auto& row : member(impl_->doc("images"), "cuda_flavors")) {
    if (str(row, "flavor") == flavor) {
      return FlavorInfo{std::string(flavor), flag(row, "nvcc"), flag(row, "cuda_libraries"),
                        flag(row, "cudnn"), provenance(row, "images")};
    }
  }
  return std::nullopt;
}

std::optional<int> KnowledgeBase::cudnn_token_major(std::string_view token) const {
  for (const char* table : {"cudnn_tokens", "legacy_cudnn_tokens"}) {
    for (const auto& row : member(impl_->doc("images"), table)) {
      if (str(row, "token") == token) return integer(row, "cudnn_major");
    }
  }
  return std::nullopt;
}

std::optional<RequireCuda> KnowledgeBase::require_cuda(const Version& cuda_image) const {
  for (const auto& row : member(impl_->doc("images"), "require_cuda")) {
    auto image = ver(row, "image");
    auto ge = ver(row, "cuda_ge");
    if (!image || !ge || !(*image == cuda_image)) continue;
    RequireCuda r{*image, *ge, {}, strings(row, "brands"), provenance(row, "images")};
    for (const auto& b : member(row, "branches")) {
      if (b.is_number_integer()) r.branches.push_back(b.get<int>());
    }
    return r;
  }
  return std::nullopt;
}

std::string RequireCuda::env_value() const {
  std::string out = "cuda>=" + cuda_ge.str();
  for (int branch : branches) {
    for (const auto& brand : brands) {
      out += fmt::format(" brand={},driver>={},driver<{}", brand, branch, branch + 1);
    }
  }
  return out;
}

std::optional<Fact<bool>> KnowledgeBase::pytorch_image_nvcc(std::string_view flavor) const {
  const json& facts = member(impl_->doc("images"), "pytorch_images");
  const json& row = member(facts, flavor == "devel" ? "devel_has_nvcc" : "runtime_has_nvcc");
  if (flavor != "devel" && flavor != "runtime") return std::nullopt;
  if (!member(row, "value").is_boolean()) return std::nullopt;
  return fact(member(row, "value").get<bool>(), row, "images");
}

std::optional<Fact<Version>> KnowledgeBase::pytorch_image_cuda_full(const Version& cuda) const {
  for (const auto& row : member(impl_->doc("images"), "pytorch_image_cuda")) {
    auto c = ver(row, "cuda");
    auto full = ver(row, "full");
    if (c && full && *c == cuda.truncated(2)) return fact(*full, row, "images");
  }
  return std::nullopt;
}

// ---- nvidia/cuda tag check ---------------------------------------------------------------
CudaTagCheck KnowledgeBase::nvidia_cuda_tag_check(std::string_view tag) const {
  const json& images = impl_->doc("images");
  const json& grammar = member(images, "nvidia_cuda");
  CudaTagCheck out;
  out.from.confirmed = true;
  auto grammar_fact = [&](std::string_view key) -> const json& { return member(grammar, key); };
  auto invalid = [&](std::string reason, const json& row, std::string suggestion = {}) {
    out.status = TagStatus::kInvalid;
    out.reason = std::move(reason);
    out.suggestion = std::move(suggestion);
    out.from = provenance(row, "images");
    return out;
  };
  auto unknown = [&](std::string reason) {
    out.status = TagStatus::kUnknown;
    out.reason = std::move(reason);
    out.from = {};
    return out;
  };
  if (tag.empty() || tag == "latest") {
    return invalid("nvidia/cuda has no `latest` tag (removed); every tag names a CUDA version, "
                   "flavor and OS", grammar_fact("latest_removed"));
  }
  std::vector<std::string> parts = split(tag, '-');
  auto version = Version::parse(parts[0]);
  if (!version || version->is_prerelease() || !version->local().empty() || version->post()) {
    return unknown(fmt::format("`{}` does not start with a CUDA version", tag));
  }
  auto three_from = ver(grammar_fact("three_part_from"), "value");
  auto newest = ver(grammar_fact("snapshot_newest"), "value");
  bool legacy = version->size() == 2 && three_from && *version < three_from->truncated(2);
  Version minor = version->truncated(2);
  // The latest point release of the minor, when the image list names it.
  std::optional<Version> latest;
  const json* latest_row = nullptr;
  for (const auto& row : member(images, "latest_point_releases")) {
    if (auto m = ver(row, "minor"); m && *m == minor) {
      latest = ver(row, "version");
      latest_row = &row;
    }
  }
  if (version->size() == 2 && !legacy) {
    return invalid(fmt::format("CUDA {} images are tagged with a three-part version (major.minor.patch)",
                               version->str()),
                   grammar_fact("three_part_from"), latest ? latest->str() : std::string());
  }
  if (version->size() != 2 && version->size() != 3) {
    return unknown(fmt::format("`{}` is not a major.minor[.patch] CUDA version", parts[0]));
  }
  for (const auto& row : member(impl_->doc("cuda"), "never_released")) {
    if (auto v = ver(row, "version"); v && *v == minor) {
      out = invalid(fmt::format("CUDA {} was never released", minor.str()), row);
      out.from = provenance(row, "cuda");
      return out;
    }
  }
  // Grammar: version [-cudnnN] [-flavor] [-os]
  size_t i = 1;
  std::string cudnn_token, flavor, os;
  if (i < parts.size() && parts[i].starts_with("cudnn")) cudnn_token = parts[i++];
  if (i < parts.size() && (parts[i] == "base" || parts[i] == "runtime" || parts[i] == "devel")) {
    flavor = parts[i++];
  }
  if (i < parts.size()) os = parts[i++];
  if (i < parts.size() || (flavor.empty() && !os.empty())) {
    return unknown(fmt::format("`{}` does not follow <version>-[cudnn-]<flavor>-<os>", tag));
  }
  if (legacy) {
    if (!cudnn_token.empty() && !cudnn_token_major(cudnn_token)) {
      return unknown(fmt::format("cuDNN token `{}` is not known for legacy tags", cudnn_token));
    }
    return unknown(fmt::format("CUDA {} uses legacy two-part tags whose availability dockml does "
                               "not track", version->str()));
  }
  if (flavor.empty()) {
    return invalid(fmt::format("`{}` names no flavor: nvidia/cuda tags are "
                               "<version>-[cudnn-]{{base,runtime,devel}}-<os>", tag),
                   grammar_fact("three_part_from"));
  }
  if (os.empty()) {
    return invalid(fmt::format("`{}` names no OS (e.g. -ubuntu22.04)", tag), grammar_fact("three_part_from"));
  }
  // Known CUDA minor?
  bool minor_known = false;
  std::optional<Version> newest_toolkit;
  for (const auto& row : member(impl_->doc("cuda"), "toolkits")) {
    auto v = ver(row, "version");
    if (!v) continue;
    if (*v == minor) minor_known = true;
    if (!newest_toolkit || *newest_toolkit < *v) newest_toolkit = v;
  }
  if (!minor_known) {
    if (newest_toolkit && minor < *newest_toolkit && version->major() >= 11) {
      out = invalid(fmt::format("there is no CUDA {} release", minor.str()), json());
      out.from.sources = {"cuda:K18"};
      out.from.confirmed = true;
      return out;
    }
    return unknown(fmt::format("CUDA {} is newer than the knowledge base", minor.str()));
  }
  bool beyond_snapshot = newest && *version > *newest;
  Provenance used;
  used.confirmed = true;
  // cuDNN token.
  if (!cudnn_token.empty()) {
    if (flavor == "base") {
      return invalid("nvidia/cuda has no cuDNN variant of the `base` flavor", first_of(member(images, "cuda_flavors")),
                     "runtime");
    }
    const json* token_row = nullptr;
    std::string right;
    for (const auto& row : member(images, "cudnn_tokens")) {
      auto first = ver(row, "first_cuda");
      auto last = ver(row, "last_cuda");
      if (!first || !last) continue;
      bool covers = minor >= *first && (minor <= *last || flag(row, "open_ended"));
      if (covers && right.empty()) right = str(row, "token");
      if (str(row, "token") == cudnn_token) token_row = &row;
    }
    if (!token_row) {
      return invalid(fmt::format("cuDNN token `{}` does not exist for CUDA {} images", cudnn_token, minor.str()),
                     first_of(member(images, "cudnn_tokens")), right);
    }
    auto first = ver(*token_row, "first_cuda");
    auto last = ver(*token_row, "last_cuda");
    if (minor < *first || (minor > *last && !flag(*token_row, "open_ended"))) {
      return invalid(fmt::format("`{}` exists only for CUDA {}-{} images, not {}", cudnn_token,
                                 first->str(), last->str(), minor.str()),
                     *token_row, right);
    }
    if (minor > *last) return unknown(fmt::format("cuDNN variants of CUDA {} images are not recorded", minor.str()));
    merge(used, provenance(*token_row, "images"));
  }
  // OS.
  const json* os_row = nullptr;
  for (const auto& row : member(impl_->doc("cuda"), "image_os")) {
    if (str(row, "os") == os) os_row = &row;
  }
  if (!os_row) return unknown(fmt::format("OS token `{}` is not recorded for nvidia/cuda", os));
  auto first = ver(*os_row, "first");
  auto last = ver(*os_row, "last");
  if (first && minor < first->truncated(2)) {
    out = invalid(fmt::format("nvidia/cuda offers {} images from CUDA {} on, not {}", os, first->str(),
                              version->str()), json());
    out.from = provenance(*os_row, "cuda");
    return out;
  }
  if (last && minor > last->truncated(2)) {
    out = invalid(fmt::format("nvidia/cuda offers {} images only up to CUDA {}, not {}", os, last->str(),
                              version->str()), json());
    out.from = provenance(*os_row, "cuda");
    return out;
  }
  if ((first && *version < *first) || (last && *version > *last)) {
    return unknown(fmt::format("{} images of CUDA {} are at the edge of the recorded range", os, version->str()));
  }
  merge(used, provenance(*os_row, "cuda"));
  if (beyond_snapshot) return unknown(fmt::format("CUDA {} is newer than the recorded image list", version->str()));
  // End of life: only the latest point release of a minor is kept.
  if (latest && *version < *latest) {
    out.status = TagStatus::kEol;
    out.reason = fmt::format("CUDA {} images are end-of-life: only the latest point release {} of CUDA "
                             "{} is supported and EOL tags are deleted six months later",
                             version->str(), latest->str(), minor.str());
    out.suggestion = latest->str();
    out.from = provenance(*latest_row, "images");
    for (const auto& row : member(images, "eol_policy")) merge(out.from, provenance(row, "images"));
    return out;
  }
  if (latest && *version > *latest) {
    return unknown(fmt::format("CUDA {} is newer than the recorded latest point release {}", version->str(),
                               latest->str()));
  }
  if (!latest) return unknown(fmt::format("the image list records no point release of CUDA {}", minor.str()));
  out.status = TagStatus::kValid;
  out.reason.clear();
  out.from = used;
  merge(out.from, provenance(*latest_row, "images"));
  return out;
}

}  // namespace dockml
