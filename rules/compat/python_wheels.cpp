#include "rules/compat/python_wheels.h"

#include <fmt/format.h>

namespace dockml::rules::compat {

std::string WheelPythonRange::describe() const {
  if (min && max) return fmt::format("Python {}-{}", min->str(), max->str());
  if (min) return fmt::format("Python {} or newer", min->str());
  if (max) return fmt::format("Python {} or older", max->str());
  return "no Python";
}

bool WheelPythonRange::supports(const Version& python) const {
  Version py = python.truncated(2);
  if (min && py < min->truncated(2)) return false;
  if (max && py > max->truncated(2)) return false;
  return true;
}

std::optional<WheelPythonRange> wheel_python_range(const KnowledgeBase& kb, const PipRequirement& req) {
  if (!req.exact_version) return std::nullopt;
  std::string pub = *req.exact_version;
  if (size_t plus = pub.find('+'); plus != std::string::npos) pub.resize(plus);
  auto v = Version::parse(pub);
  if (!v) return std::nullopt;
  WheelPythonRange r;
  r.package = req.name;
  r.version = *v;
  auto from_torch = [&](const TorchRelease& rel) {
    r.min = rel.python_min.value;
    r.max = rel.python_max.value;
    r.from = rel.python_min.from;
    if (!rel.python_max.from.confirmed) r.from.confirmed = false;
    for (const auto& s : rel.python_max.from.sources) r.from.sources.push_back(s);
  };
  if (req.name == "torch") {
    auto rel = kb.torch_release(*v);
    if (!rel) return std::nullopt;
    from_torch(*rel);
    return r;
  }
  if (req.name == "torchvision") {
    auto torches = kb.torch_for_torchvision(*v);
    if (torches.empty()) return std::nullopt;
    auto rel = kb.torch_release(torches.front());
    if (!rel) return std::nullopt;
    from_torch(*rel);
    return r;
  }
  if (req.name == "tensorflow") {
    auto t = kb.tf_tested(*v);
    if (!t) return std::nullopt;
    r.min = t->python_min;
    r.max = t->python_max;
    r.from = t->from;
    return r;
  }
  if (req.name == "jax" || req.name == "jaxlib") {
    JaxFloors floors = kb.jax_floors(*v);
    if (!floors.min_python) return std::nullopt;
    r.min = floors.min_python->value;
    r.from = floors.min_python->from;
    return r;
  }
  return std::nullopt;
}

}  // namespace dockml::rules::compat
