// NGC and Python/OS accessors of the knowledge base (ngc.json, python.json).
#include <algorithm>

#include "analyzer/kb/kb_internal.h"

namespace dockml {

using nlohmann::json;
using namespace kbj;

namespace {

std::optional<Fact<Version>> vfact(const json& row, std::string_view file, std::string_view key) {
  auto v = ver(row, key);
  if (!v) return std::nullopt;
  return fact(*v, row, file, key);
}

}  // namespace

std::optional<NgcRelease> KnowledgeBase::ngc_release(std::string_view container,
                                                     std::string_view release) const {
  const json& doc = impl_->doc("ngc");
  std::string table = container == "cuda-dl-base" ? "cuda_dl_base" : std::string(container);
  std::string framework_key = container == "pytorch" ? "torch" : container == "tensorflow" ? "tensorflow" : "";
  NgcRelease r;
  r.container = std::string(container);
  r.release = std::string(release);
  bool found = false;
  for (const auto& row : member(doc, table)) {
    if (str(row, "release") != release) continue;
    found = true;
    if (!framework_key.empty()) {
      if (auto fw = opt_str(row, framework_key)) r.framework = fact(*fw, row, "ngc", framework_key);
    }
    r.ubuntu = vfact(row, "ngc", "ubuntu");
    r.python = vfact(row, "ngc", "python");
    r.cuda = vfact(row, "ngc", "cuda");
    r.cudnn = vfact(row, "ngc", "cudnn");
    r.nccl = vfact(row, "ngc", "nccl");
    r.from = provenance(row, "ngc");
    break;
  }
  for (const auto& row : member(doc, "containers")) {
    if (str(row, "path") == "nvidia/" + std::string(container) && member(row, "nvcc").is_boolean()) {
      r.nvcc = fact(flag(row, "nvcc"), row, "ngc");
      if (!found) r.from = provenance(row, "ngc");
    }
  }
  if (!found && !r.nvcc) return std::nullopt;
  if (!found) r.from.confirmed = false;  // only container-level facts are known for this release
  return r;
}

std::optional<DistroFacts> KnowledgeBase::distro(std::string_view os, std::string_view version) const {
  for (const auto& row : member(impl_->doc("python"), "distros")) {
    if (str(row, "os") != os) continue;
    if (str(row, "version") != version && str(row, "codename") != version) continue;
    DistroFacts d{str(row, "os"), str(row, "version"), str(row, "codename"), vfact(row, "python", "python"),
                  vfact(row, "python", "glibc")};
    return d;
  }
  return std::nullopt;
}

std::optional<Fact<Version>> KnowledgeBase::default_python(std::string_view os, std::string_view version) const {
  auto d = distro(os, version);
  if (!d) return std::nullopt;
  return d->python;
}

std::optional<PythonImageVariant> KnowledgeBase::python_image_variant(std::string_view suffix) const {
  for (const auto& row : member(impl_->doc("python"), "python_image_variants")) {
    std::string s = str(row, "suffix");
    // "alpine" also covers "alpine3.23"; "windowsservercore" covers "-ltsc2022".
    bool match = suffix == s || (suffix.starts_with(s) && (s == "alpine" || s == "windowsservercore"));
    if (!match) continue;
    return PythonImageVariant{str(row, "os"), str(row, "version"), str(row, "libc"), provenance(row, "python")};
  }
  return std::nullopt;
}

std::optional<Fact<std::string>> KnowledgeBase::file_fact(std::string_view file, std::string_view key) const {
  if (std::find(kFiles.begin(), kFiles.end(), file) == kFiles.end()) return std::nullopt;
  const json& row = member(member(impl_->doc(file), "facts"), key);
  const json& value = member(row, "value");
  if (value.is_null()) return std::nullopt;
  return fact(value.is_string() ? value.get<std::string>() : value.dump(), row, file);
}

std::optional<Fact<Version>> KnowledgeBase::python_image_patch(std::string_view minor_tag) const {
  for (const auto& row : member(impl_->doc("python"), "python_images")) {
    if (str(row, "tag") == minor_tag) return vfact(row, "python", "python");
  }
  return std::nullopt;
}

}  // namespace dockml
