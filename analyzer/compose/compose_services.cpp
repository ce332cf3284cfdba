// Compose half of the ComposeModel builder: services and their GPU-relevant keys.
#include <filesystem>

#include "analyzer/compose/compose_internal.h"

namespace dockml::compose_detail {

namespace {

DeviceRequest device_request(const yaml::Node* entry) {
  DeviceRequest d;
  d.span = entry->span;
  d.driver = value_at(entry, "driver");
  d.count = value_at(entry, "count");
  d.device_ids = value_at(entry, "device_ids");
  d.ids = scalar_items(entry->get("device_ids"));
  d.capabilities = value_at(entry, "capabilities");
  // Compose lists capabilities as a list (`[gpu]`); a nested list of alternatives is
  // flattened: any list naming gpu counts.
  if (const yaml::Node* caps = entry->get("capabilities"); caps && caps->is_sequence()) {
    for (const yaml::Node* item : caps->resolved().items) {
      if (item->is_sequence()) {
        for (const std::string& s : scalar_items(item)) d.caps.push_back(s);
      } else if (item->is_scalar() && !item->is_null()) {
        d.caps.emplace_back(item->scalar());
      }
    }
  } else {
    d.caps = scalar_items(caps);
  }
  return d;
}

std::vector<DeviceRequest> device_list(const yaml::Node* node) {
  std::vector<DeviceRequest> out;
  if (!node || !node->is_sequence()) return out;
  for (const yaml::Node* item : node->resolved().items)
    if (item->is_mapping()) out.push_back(device_request(item));
  return out;
}

std::optional<ComposeBuild> read_build(const SourceFile& src, const yaml::Pair* pair) {
  if (!pair) return std::nullopt;
  ComposeBuild b;
  b.key_span = pair->key->span;
  b.span = pair->value->span;
  const yaml::Node* v = pair->value;
  if (v->is_scalar()) {
    b.context = std::string(v->scalar());
    b.context_value = YamlValue{b.context, pair->key->span, v->span, true, true};
    return b;
  }
  if (!v->is_mapping()) return b;
  b.context_value = value_at(v, "context");
  b.context = b.context_value.present ? b.context_value.value : ".";
  b.dockerfile = value_at(v, "dockerfile");
  b.target = value_at(v, "target");
  b.args = compose_env(src, v->get("args"));
  if (v->find("dockerfile_inline")) b.link_error = "the Dockerfile is inline (dockerfile_inline)";
  return b;
}

ComposeService read_service(const SourceFile& src, const yaml::Pair& pair) {
  ComposeService s;
  s.name = std::string(pair.key->scalar());
  s.name_span = pair.key->span;
  const yaml::Node* v = pair.value;
  s.span = v->span;
  const yaml::Node& r = v->resolved();
  if (!r.pairs.empty()) s.indent = column_of(src, r.pairs.front().key->span);
  s.image = value_at(v, "image");
  s.build = read_build(src, v->find("build"));
  s.environment = compose_env(src, v->get("environment"));
  s.runtime = value_at(v, "runtime");
  s.gpus = value_at(v, "gpus");
  s.gpu_list = device_list(v->get("gpus"));
  s.deploy = value_at(v, "deploy");
  if (const yaml::Node* res = v->at_path({"deploy", "resources", "reservations"})) {
    s.devices_key = value_at(res, "devices");
    s.devices = device_list(res->get("devices"));
  }
  s.shm_size = value_at(v, "shm_size");
  if (s.shm_size.present && s.shm_size.scalar) s.shm_bytes = parse_compose_bytes(s.shm_size.value);
  s.ipc = value_at(v, "ipc");
  s.profiles = scalar_items(v->get("profiles"));
  s.extends = value_at(v, "extends");
  return s;
}

}  // namespace

void build_compose(const yaml::Stream& stream, const LintOptions& options, const KnowledgeBase& kb,
                   ComposeModel& model) {
  if (stream.documents.empty() || !stream.source) return;
  const SourceFile& src = *stream.source;
  const yaml::Node* services = stream.documents.front().root->get("services");
  if (!services || !services->is_mapping()) return;
  for (const yaml::Pair& pair : services->resolved().pairs) {
    if (!pair.key->is_scalar() || !pair.value->is_mapping()) continue;
    ComposeService svc = read_service(src, pair);
    if (svc.build) {
      link_dockerfile(stream.source, options, kb, svc, model);
    } else if (svc.image.present && !svc.image.value.empty()) {
      svc.runs = classify_workload_image(svc.image.value, kb);
    }
    model.services.push_back(std::move(svc));
  }
}

}  // namespace dockml::compose_detail
