// Framework accessors of the knowledge base (pytorch.json, tensorflow.json, jax.json,
// wheels.json).
#include <algorithm>

#include "analyzer/kb/kb_internal.h"

namespace dockml {

using nlohmann::json;
using namespace kbj;

namespace {

std::vector<Version> versions(const json& arr) {
  std::vector<Version> out;
  if (!arr.is_array()) return out;
  for (const auto& e : arr) {
    if (e.is_string()) {
      if (auto v = Version::parse(e.get<std::string>())) out.push_back(*v);
    }
  }
  return out;
}

std::optional<Fact<Version>> version_fact(const json& row, std::string_view file, std::string_view key) {
  auto v = ver(row, key);
  if (!v) return std::nullopt;
  return fact(*v, row, file, key);
}

// PEP 685 normalisation of an extra name: lower case, runs of -_. become '-'.
std::string normalize_extra(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '_' || c == '.' || c == '-') {
      if (out.empty() || out.back() != '-') out += '-';
    } else {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return out;
}

}  // namespace

bool TorchRelease::has_variant(std::string_view v) const {
  return std::find(cuda_variants.begin(), cuda_variants.end(), v) != cuda_variants.end() ||
         std::find(rocm_variants.begin(), rocm_variants.end(), v) != rocm_variants.end();
}

bool TorchRelease::supports_python(const Version& py) const {
  Version mm = py.truncated(2);
  return mm >= python_min.value && mm <= python_max.value;
}

namespace {

std::optional<TorchRelease> find_torch_release(const KnowledgeBase::Impl& impl, const Version& torch) {
  Version release = torch.truncated(std::max<size_t>(3, torch.size()));
  for (const auto& row : member(impl.doc("pytorch"), "releases")) {
    auto v = ver(row, "version");
    if (!v || !(*v == release) || torch.size() > 3) continue;
    TorchRelease r;
    r.version = *v;
    r.torchvision = version_fact(row, "pytorch", "torchvision");
    r.torchaudio = version_fact(row, "pytorch", "torchaudio");
    const json& alt = member(row, "alternatives");
    r.torchvision_alternatives = versions(member(alt, "torchvision"));
    r.torchaudio_alternatives = versions(member(alt, "torchaudio"));
    auto lo = ver(row, "python_min");
    auto hi = ver(row, "python_max");
    if (!lo || !hi) return std::nullopt;
    r.python_min = fact(*lo, row, "pytorch", "python_min");
    r.python_max = fact(*hi, row, "pytorch", "python_max");
    r.python_extra = strings(row, "python_extra");
    r.cuda_variants = strings(row, "cuda_variants");
    r.rocm_variants = strings(row, "rocm_variants");
    if (auto d = opt_str(row, "pypi_default")) r.pypi_default = fact(*d, row, "pytorch", "pypi_default");
    r.cudnn_major = fact(integer(row, "cudnn_major").value_or(0), row, "pytorch", "cudnn_major");
    r.min_glibc = fact(ver(row, "min_glibc").value_or(Version{}), row, "pytorch", "min_glibc");
    r.note = str(row, "note");
    r.from = provenance(row, "pytorch");
    return r;
  }
  return std::nullopt;
}

}  // namespace

std::optional<TorchRelease> KnowledgeBase::torch_release(const Version& torch) const {
  if (torch.is_prerelease() || torch.post()) return std::nullopt;  // NGC "2.6.0a0+..." builds
  std::string key = torch.str();
  {
    std::lock_guard lock(impl_->memo_mu);
    if (auto it = impl_->torch_releases.find(key); it != impl_->torch_releases.end()) return it->second;
  }
  std::optional<TorchRelease> found = find_torch_release(*impl_, torch);
  std::lock_guard lock(impl_->memo_mu);
  return impl_->torch_releases.emplace(std::move(key), std::move(found)).first->second;
}

static std::vector<Version> torch_for(const json& doc, const Version& v, std::string_view key) {
  std::vector<Version> out;
  for (const auto& row : member(doc, "releases")) {
    auto t = ver(row, "version");
    auto paired = ver(row, key);
    bool match = paired && *paired == v;
    for (const auto& a : versions(member(member(row, "alternatives"), key))) match = match || a == v;
    if (t && match) out.push_back(*t);
  }
  return out;
}

std::vector<Version> KnowledgeBase::torch_for_torchvision(const Version& tv) const {
  return torch_for(impl_->doc("pytorch"), tv, "torchvision");
}

std::vector<Version> KnowledgeBase::torch_for_torchaudio(const Version& ta) const {
  return torch_for(impl_->doc("pytorch"), ta, "torchaudio");
}

std::optional<Fact<Version>> KnowledgeBase::torch_cudnn(const Version& torch, const Version& cuda) const {
  for (const auto& row : member(impl_->doc("pytorch"), "cudnn_builds")) {
    auto t = ver(row, "torch");
    auto c = ver(row, "cuda");
    auto d = ver(row, "cudnn");
    if (t && c && d && torch.truncated(2) == *t && cuda.truncated(2) == *c) return fact(*d, row, "pytorch");
  }
  return std::nullopt;
}

std::optional<TorchArchList> KnowledgeBase::torch_arch_list(const Version& torch,
                                                            std::string_view variant) const {
  Version mm = torch.truncated(2);
  for (const auto& row : member(impl_->doc("pytorch"), "arch_lists")) {
    if (str(row, "variant") != variant) continue;
    auto first = ver(row, "torch_first");
    auto last = ver(row, "torch_last");
    if (!first || mm < *first || (last && mm > *last)) continue;
    return TorchArchList{std::string(variant), versions(member(row, "archs")), ver(row, "ptx"),
                         provenance(row, "pytorch")};
  }
  return std::nullopt;
}

std::optional<TfTested> KnowledgeBase::tf_tested(const Version& tf) const {
  // The exact row ("2.16.1"), else the first row of the same minor (patches follow it).
  const json* minor_row = nullptr;
  for (const auto& row : member(impl_->doc("tensorflow"), "tested")) {
    auto v = ver(row, "version");
    if (!v || !(v->truncated(2) == tf.truncated(2))) continue;
    if (tf.size() >= 3 && *v == tf) {
      minor_row = &row;
      break;
    }
    if (!minor_row) minor_row = &row;
  }
  if (!minor_row) return std::nullopt;
  const json& row = *minor_row;
  TfTested t;
  t.version = ver(row, "version").value_or(Version{});
  t.exact = t.version == tf && tf.size() >= 3;
  t.package = str(row, "package");
  t.python_min = ver(row, "python_min").value_or(Version{});
  t.python_max = ver(row, "python_max").value_or(Version{});
  t.python2 = flag(row, "python2");
  t.cuda = ver(row, "cuda").value_or(Version{});
  t.cudnn = ver(row, "cudnn").value_or(Version{});
  t.compiler = str(row, "compiler");
  t.from = provenance(row, "tensorflow");
  if (!t.exact) t.from.confirmed = false;  // patch releases are assumed to follow the minor's row
  return t;
}

std::optional<Fact<std::string>> KnowledgeBase::tf_fact(std::string_view key) const {
  const json& row = member(member(impl_->doc("tensorflow"), "facts"), key);
  const json& value = member(row, "value");
  if (value.is_null()) return std::nullopt;
  return fact(value.is_string() ? value.get<std::string>() : value.dump(), row, "tensorflow");
}

std::optional<JaxExtra> KnowledgeBase::jax_extra(std::string_view extra) const {
  std::string wanted = normalize_extra(extra);
  for (const auto& row : member(impl_->doc("jax"), "extras")) {
    if (normalize_extra(str(row, "extra")) != wanted) continue;
    return JaxExtra{wanted, integer(row, "cuda_major"), flag(row, "rocm"), flag(row, "local"),
                    ver(row, "first"), ver(row, "removed"), provenance(row, "jax")};
  }
  return std::nullopt;
}

std::optional<JaxCudaRequirements> KnowledgeBase::jax_cuda_requirements(int cuda_major) const {
  for (const auto& row : member(impl_->doc("jax"), "cuda_requirements")) {
    if (integer(row, "cuda_major") != cuda_major) continue;
    JaxCudaRequirements r;
    r.cuda_major = cuda_major;
    r.min_cuda = ver(row, "min_cuda").value_or(Version{});
    r.min_cudnn = ver(row, "min_cudnn").value_or(Version{});
    r.min_driver = ver(row, "min_driver").value_or(Version{});
    r.min_sm = ver(row, "min_sm").value_or(Version{});
    r.cudnn_below = ver(row, "cudnn_below");
    r.built_with = ver(row, "built_with");
    r.from = provenance(row, "jax");
    return r;
  }
  return std::nullopt;
}

JaxFloors KnowledgeBase::jax_floors(const Version& jax) const {
  JaxFloors f;
  // Rows are applied in order of `since`; later rows override earlier ones.
  std::vector<std::pair<Version, const json*>> rows;
  for (const auto& row : member(impl_->doc("jax"), "timeline")) {
    if (auto since = ver(row, "since"); since && *since <= jax) rows.emplace_back(*since, &row);
  }
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [since, row] : rows) {
    if (member(*row, "cuda_majors").is_array()) {
      std::vector<int> majors;
      for (const auto& m : member(*row, "cuda_majors")) {
        if (m.is_number_integer()) majors.push_back(m.get<int>());
      }
      f.cuda_majors = fact(majors, *row, "jax", "cuda_majors");
    }
    for (auto [key, slot] : {std::pair{"min_cuda", &f.min_cuda}, std::pair{"min_cuda12", &f.min_cuda12},
                             std::pair{"min_cudnn", &f.min_cudnn}, std::pair{"min_python", &f.min_python}}) {
      if (auto v = version_fact(*row, "jax", key)) *slot = v;
    }
    if (member(*row, "local_builds").is_boolean()) f.local_builds = fact(flag(*row, "local_builds"), *row, "jax");
  }
  return f;
}

namespace {

std::optional<WheelCuda> find_wheel_cuda(const KnowledgeBase::Impl& impl, std::string_view name,
                                         const std::optional<Version>& version) {
  const json& doc = impl.doc("wheels");
  for (const auto& row : member(doc, "name_rules")) {
    std::string exact = str(row, "name");
    std::string prefix = str(row, "prefix");
    std::string suffix = str(row, "suffix");
    std::string_view middle;
    if (!exact.empty()) {
      if (name != exact) continue;
    } else {
      if (prefix.empty() || !name.starts_with(prefix) || !name.ends_with(suffix) ||
          name.size() < prefix.size() + suffix.size()) {
        continue;
      }
      middle = name.substr(prefix.size(), name.size() - prefix.size() - suffix.size());
    }
    WheelCuda w;
    w.note = str(row, "note");
    w.from = provenance(row, "wheels");
    if (auto major = integer(row, "cuda_major")) {
      w.cuda_major = *major;
      return w;
    }
    if (flag(row, "variant_digits")) {
      auto cuda = cuda_from_variant("cu" + std::string(middle));
      if (!cuda) continue;
      w.cuda_major = int(cuda->major());
      w.cuda = cuda;
      return w;
    }
    if (flag(row, "major_from_version")) {
      if (!version) return std::nullopt;
      w.cuda_major = int(version->major());
      return w;
    }
  }
  if (!version) return std::nullopt;
  for (const auto& row : member(doc, "version_rules")) {
    if (str(row, "package") != name) continue;
    auto first = ver(row, "first");
    auto last = ver(row, "last");
    auto cuda = ver(row, "cuda");
    if (!first || !cuda) continue;
    Version probe = version->truncated(first->size());
    bool in = probe >= *first && (!last || version->truncated(last->size()) <= *last);
    if (!in) continue;
    WheelCuda w{int(cuda->major()), cuda->size() >= 2 ? std::optional<Version>(*cuda) : std::nullopt,
                ver(row, "cudnn"), str(row, "note"), provenance(row, "wheels")};
    return w;
  }
  return std::nullopt;
}

}  // namespace

std::optional<WheelCuda> KnowledgeBase::wheel_cuda(std::string_view name,
                                                   const std::optional<Version>& version) const {
  std::string key(name);
  key += '\0';
  if (version) key += version->str();
  {
    std::lock_guard lock(impl_->memo_mu);
    if (auto it = impl_->wheel_cudas.find(key); it != impl_->wheel_cudas.end()) return it->second;
  }
  std::optional<WheelCuda> found = find_wheel_cuda(*impl_, name, version);
  std::lock_guard lock(impl_->memo_mu);
  return impl_->wheel_cudas.emplace(std::move(key), std::move(found)).first->second;
}

static AddonFacts addon_row(const json& row) {
  AddonFacts a;
  a.package = str(row, "package");
  a.min_torch = ver(row, "min_torch");
  a.min_cuda = ver(row, "min_cuda");
  a.min_sm = ver(row, "min_sm");
  a.needs_nvcc = flag(row, "needs_nvcc");
  a.not_surveyed = flag(row, "not_surveyed");
  a.from = provenance(row, "wheels");
  a.sdist_only = flag(row, "sdist_only");
  a.build_env = strings(row, "build_env");
  a.build_from = provenance(row, "wheels", "needs_nvcc");
  a.build_env_from = provenance(row, "wheels", "build_env");
  return a;
}

std::optional<AddonFacts> KnowledgeBase::addon(std::string_view package) const {
  for (const auto& row : member(impl_->doc("wheels"), "addons")) {
    if (str(row, "package") != package) continue;
    return addon_row(row);
  }
  return std::nullopt;
}

const std::vector<AddonFacts>& KnowledgeBase::cuda_build_addons() const {
  // Built once per knowledge base: the image model asks for every stage of every file.
  std::call_once(impl_->cuda_build_addons_once, [this] {
    for (const auto& row : member(impl_->doc("wheels"), "addons")) {
      if (flag(row, "needs_nvcc")) impl_->cuda_build_addons.push_back(addon_row(row));
    }
  });
  return impl_->cuda_build_addons;
}

}  // namespace dockml
