// Kubernetes half of the ComposeModel builder: pod specs of the workload kinds (and the pod
// specs custom resources embed).
#include "analyzer/compose/compose_internal.h"

namespace dockml::compose_detail {

namespace {

constexpr std::string_view kGpuResource = "nvidia.com/gpu";

// The pod spec of a workload object, null for other kinds.
const yaml::Node* pod_spec_of(std::string_view kind, const yaml::Node& obj) {
  if (kind == "Pod") return obj.get("spec");
  if (kind == "Deployment" || kind == "StatefulSet" || kind == "DaemonSet" ||
      kind == "ReplicaSet" || kind == "Job" || kind == "ReplicationController")
    return obj.at_path({"spec", "template", "spec"});
  if (kind == "PodTemplate") return obj.at_path({"template", "spec"});
  if (kind == "CronJob") return obj.at_path({"spec", "jobTemplate", "spec", "template", "spec"});
  return nullptr;
}

K8sContainer read_container(const yaml::Node* c, bool init, const KnowledgeBase& kb) {
  K8sContainer k;
  k.init = init;
  k.span = c->span;
  YamlValue name = value_at(c, "name");
  k.name = name.value;
  k.name_span = name.present ? name.span : c->span;
  k.image = value_at(c, "image");
  k.env = k8s_env(c->get("env"));
  k.resources = value_at(c, "resources");
  if (const yaml::Node* res = c->get("resources")) {
    k.limits_gpu = value_at(res->get("limits"), kGpuResource);
    k.requests_gpu = value_at(res->get("requests"), kGpuResource);
  }
  if (const yaml::Node* mounts = c->get("volumeMounts"); mounts && mounts->is_sequence()) {
    for (const yaml::Node* m : mounts->resolved().items) {
      if (!m->is_mapping()) continue;
      k.mounts.push_back({value_at(m, "name").value, value_at(m, "mountPath").value, m->span});
    }
  }
  if (!k.image.value.empty()) k.runs = classify_workload_image(k.image.value, kb);
  return k;
}

// Custom resources (JobSet, RayCluster, PyTorchJob, InferenceService, LeaderWorkerSet, ...)
// embed pod specs at kind-specific paths: every mapping under `spec` with a `containers`
// list is taken as one (bounded depth).
void find_pod_specs(const yaml::Node& node, int depth, std::vector<const yaml::Node*>& out) {
  if (depth > 12 || out.size() > 64) return;
  const yaml::Node& r = node.resolved();
  if (r.kind == yaml::Kind::kMapping) {
    if (const yaml::Node* c = r.get("containers"); c && c->is_sequence()) {
      out.push_back(&r);
      return;
    }
    for (const yaml::Pair& p : r.pairs)
      if (!p.merged) find_pod_specs(*p.value, depth + 1, out);
  } else if (r.kind == yaml::Kind::kSequence) {
    for (const yaml::Node* item : r.items) find_pod_specs(*item, depth + 1, out);
  }
}

void read_pod_spec(std::string_view kind, const yaml::Node& obj, const yaml::Node* spec,
                   const SourceFile& src, const KnowledgeBase& kb, ComposeModel& model);

void read_pod(std::string_view kind, const yaml::Node& obj, const SourceFile& src,
              const KnowledgeBase& kb, ComposeModel& model) {
  const yaml::Node* spec = pod_spec_of(kind, obj);
  if (spec) {
    read_pod_spec(kind, obj, spec, src, kb, model);
    return;
  }
  const yaml::Node* custom = obj.get("spec");
  if (kind.empty() || !custom) return;
  std::vector<const yaml::Node*> specs;
  find_pod_specs(*custom, 0, specs);
  for (const yaml::Node* s : specs) read_pod_spec(kind, obj, s, src, kb, model);
}

void read_pod_spec(std::string_view kind, const yaml::Node& obj, const yaml::Node* spec,
                   const SourceFile& src, const KnowledgeBase& kb, ComposeModel& model) {
  if (!spec || !spec->is_mapping()) return;
  K8sPod pod;
  pod.kind = std::string(kind);
  YamlValue kind_value = value_at(&obj, "kind");
  pod.kind_span = kind_value.span;
  if (const yaml::Node* name = obj.at_path({"metadata", "name"}); name && name->is_scalar())
    pod.name = std::string(name->scalar());
  pod.spec_span = spec->span;
  const yaml::Node& r = spec->resolved();
  if (!r.pairs.empty()) pod.spec_indent = column_of(src, r.pairs.front().key->span);
  pod.host_ipc = value_at(spec, "hostIPC").value == "true";
  for (auto [key, init] : {std::pair{"initContainers", true}, std::pair{"containers", false}}) {
    const yaml::Node* list = spec->get(key);
    if (!list || !list->is_sequence()) continue;
    for (const yaml::Node* c : list->resolved().items)
      if (c->is_mapping()) pod.containers.push_back(read_container(c, init, kb));
  }
  pod.volumes_key = value_at(spec, "volumes");
  if (const yaml::Node* vols = spec->get("volumes"); vols && vols->is_sequence()) {
    for (const yaml::Node* v : vols->resolved().items) {
      if (!v->is_mapping()) continue;
      K8sVolume vol;
      vol.name = value_at(v, "name").value;
      vol.span = v->span;
      if (const yaml::Node* ed = v->get("emptyDir")) {
        vol.empty_dir = true;
        vol.memory = value_at(ed, "medium").value == "Memory";
      }
      pod.volumes.push_back(std::move(vol));
    }
  }
  model.pods.push_back(std::move(pod));
}

void read_object(const yaml::Node& obj, const SourceFile& src, const KnowledgeBase& kb,
                 ComposeModel& model, int depth) {
  if (!obj.is_mapping() || depth > 4) return;
  std::string kind = value_at(&obj, "kind").value;  // owned: value_at returns a temporary
  if (kind == "List" || kind.ends_with("List")) {
    if (const yaml::Node* items = obj.get("items"); items && items->is_sequence())
      for (const yaml::Node* item : items->resolved().items)
        read_object(item->resolved(), src, kb, model, depth + 1);
    return;
  }
  read_pod(kind, obj, src, kb, model);
}

}  // namespace

void build_kubernetes(const yaml::Stream& stream, const KnowledgeBase& kb, ComposeModel& model) {
  if (!stream.source) return;
  for (const yaml::Document& doc : stream.documents)
    read_object(doc.root->resolved(), *stream.source, kb, model, 0);
}

}  // namespace dockml::compose_detail
