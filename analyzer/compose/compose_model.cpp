#include "analyzer/compose/compose_model.h"

#include <algorithm>
#include <charconv>

#include "analyzer/compose/compose_internal.h"

namespace dockml {

namespace compose_detail {

YamlValue value_at(const yaml::Node* map, std::string_view key) {
  YamlValue v;
  if (!map) return v;
  const yaml::Pair* p = map->find(key);
  if (!p) return v;
  v.present = true;
  v.key_span = p->key->span;
  v.span = p->value->span;
  v.scalar = p->value->is_scalar();
  if (v.scalar && !p->value->is_null()) v.value = std::string(p->value->scalar());
  return v;
}

std::vector<std::string> scalar_items(const yaml::Node* node) {
  std::vector<std::string> out;
  if (!node) return out;
  if (node->is_scalar()) {
    if (!node->is_null()) out.emplace_back(node->scalar());
    return out;
  }
  if (!node->is_sequence()) return out;
  for (const yaml::Node* item : node->resolved().items)
    if (item->is_scalar() && !item->is_null()) out.emplace_back(item->scalar());
  return out;
}

uint32_t column_of(const SourceFile& src, Span span) { return src.position(span.begin).column; }

std::vector<EnvVar> compose_env(const SourceFile& src, const yaml::Node* node) {
  std::vector<EnvVar> out;
  if (!node) return out;
  const yaml::Node& r = node->resolved();
  if (r.kind == yaml::Kind::kMapping) {
    for (const yaml::Pair& p : r.pairs) {
      EnvVar e;
      e.name = std::string(p.key->scalar());
      e.name_span = p.key->span;
      e.has_value = !p.value->is_null() && p.value->is_scalar();
      if (e.has_value) {
        e.value = std::string(p.value->scalar());
        e.value_span = p.value->span;
      }
      e.entry_span = Span{p.key->span.begin, std::max(p.key->span.end, p.value->span.end)};
      out.push_back(std::move(e));
    }
    return out;
  }
  if (r.kind != yaml::Kind::kSequence) return out;
  for (const yaml::Node* item : r.items) {
    if (!item->is_scalar() || item->is_null()) continue;
    const yaml::Node& it = item->resolved();
    std::string_view text = it.value;
    EnvVar e;
    e.entry_span = item->span;
    size_t eq = text.find('=');
    e.name = std::string(text.substr(0, eq));
    // Spans inside the item: exact for plain scalars; for quoted ones, find the '=' in the
    // raw text after the opening quote.
    std::string_view raw = src.slice(item->span);
    uint32_t open = (it.style == yaml::ScalarStyle::kPlain) ? 0u : 1u;
    uint32_t close = (it.style == yaml::ScalarStyle::kPlain || raw.size() < 2) ? 0u : 1u;
    uint32_t begin = item->span.begin + open;
    uint32_t end = item->span.end > close ? item->span.end - close : item->span.end;
    size_t raw_eq = raw.find('=', open);
    if (eq == std::string_view::npos || raw_eq == std::string_view::npos) {
      e.name_span = Span{begin, end};
    } else {
      uint32_t at = item->span.begin + static_cast<uint32_t>(raw_eq);
      e.name_span = Span{begin, at};
      e.has_value = true;
      e.value = std::string(text.substr(eq + 1));
      e.value_span = Span{at + 1, std::max(at + 1, end)};
    }
    out.push_back(std::move(e));
  }
  return out;
}

std::vector<EnvVar> k8s_env(const yaml::Node* node) {
  std::vector<EnvVar> out;
  if (!node || !node->is_sequence()) return out;
  for (const yaml::Node* item : node->resolved().items) {
    if (!item->is_mapping()) continue;
    const yaml::Pair* name = item->find("name");
    if (!name || !name->value->is_scalar()) continue;
    EnvVar e;
    e.name = std::string(name->value->scalar());
    e.name_span = name->value->span;
    e.entry_span = item->span;
    if (const yaml::Pair* v = item->find("value"); v && v->value->is_scalar() && !v->value->is_null()) {
      e.has_value = true;
      e.value = std::string(v->value->scalar());
      e.value_span = v->value->span;
    }
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace compose_detail

bool DeviceRequest::has_gpu_capability() const {
  // Docker's nvidia device driver answers to these capabilities (moby daemon/nvidia_linux.go);
  // the ones besides gpu/nvidia become NVIDIA_DRIVER_CAPABILITIES.
  static constexpr std::string_view kNvidia[] = {"gpu",      "nvidia",  "compute", "compat32",
                                                 "graphics", "utility", "video",   "display"};
  for (const std::string& c : caps)
    for (std::string_view n : kNvidia)
      if (c == n) return true;
  return false;
}

bool ComposeService::requests_gpu() const {
  if (gpus.present) return true;
  if (runtime.value == "nvidia") return true;
  for (const DeviceRequest& d : devices)
    if (d.has_gpu_capability() || d.driver.value == "nvidia") return true;
  return false;
}

bool K8sContainer::has_gpu_limit() const {
  if (!limits_gpu.present || !limits_gpu.scalar) return false;
  return !limits_gpu.value.empty() && limits_gpu.value != "0";
}

std::string K8sPod::label() const {
  return name.empty() ? kind : kind + " '" + name + "'";
}

std::optional<uint64_t> parse_compose_bytes(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  uint64_t number = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (ec != std::errc() || ptr == text.data()) return std::nullopt;
  double fraction = 0;
  std::string_view rest(ptr, static_cast<size_t>(text.data() + text.size() - ptr));
  if (!rest.empty() && rest.front() == '.') {  // "1.5g"
    double scale = 0.1;
    rest.remove_prefix(1);
    while (!rest.empty() && rest.front() >= '0' && rest.front() <= '9') {
      fraction += (rest.front() - '0') * scale;
      scale /= 10;
      rest.remove_prefix(1);
    }
  }
  std::string unit;
  for (char c : rest) unit += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  uint64_t mult = 0;
  if (unit.empty() || unit == "b") mult = 1;
  else if (unit == "k" || unit == "kb" || unit == "kib") mult = 1ull << 10;
  else if (unit == "m" || unit == "mb" || unit == "mib") mult = 1ull << 20;
  else if (unit == "g" || unit == "gb" || unit == "gib") mult = 1ull << 30;
  else if (unit == "t" || unit == "tb" || unit == "tib") mult = 1ull << 40;
  else return std::nullopt;
  if (number > UINT64_MAX / mult - 1) return std::nullopt;
  return number * mult + static_cast<uint64_t>(fraction * static_cast<double>(mult));
}

std::unique_ptr<ComposeModel> build_compose_model(const yaml::Stream& stream, bool kubernetes,
                                                  const LintOptions& options,
                                                  const KnowledgeBase& kb) {
  auto model = std::make_unique<ComposeModel>();
  model->source = stream.source;
  model->kubernetes = kubernetes;
  if (kubernetes) compose_detail::build_kubernetes(stream, kb, *model);
  else compose_detail::build_compose(stream, options, kb, *model);
  return model;
}

}  // namespace dockml
