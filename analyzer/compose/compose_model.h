// ComposeModel: what a compose file or a Kubernetes manifest runs, built once per file from
// the YAML tree (analyzer/yaml) and handed to rules through FileContext::compose.
//
// Compose: every service with its image, build (linked to the Dockerfile it builds, whose
// image model is built with the service's build args), environment (list and map forms),
// GPU requests (deploy.resources.reservations.devices, the `gpus` service key, the legacy
// `runtime: nvidia`), shm_size, ipc and profiles. `extends` is recorded, never followed.
// Kubernetes: every pod spec of Pod / Deployment / StatefulSet / DaemonSet / ReplicaSet /
// Job / CronJob (and `List` items) in every document, with containers, init containers,
// env, resources, volume mounts and memory-backed emptyDir volumes.
//
// Every value keeps its span in the YAML file (the key span too, for messages and fixes).
// What the file does not establish stays empty; nothing is guessed.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analyzer/dockerfile/ast.h"
#include "analyzer/engine/options.h"
#include "analyzer/image/image_facts.h"
#include "analyzer/kb/knowledge_base.h"
#include "analyzer/model/image_model.h"
#include "analyzer/yaml/yaml.h"

namespace dockml {

// A scalar value as written, with where it is.
struct YamlValue {
  std::string value;   // decoded scalar ("" for null / non-scalar)
  Span key_span;       // the key (`shm_size`); empty for sequence items
  Span span;           // the value node
  bool present = false;
  bool scalar = true;  // false when the value is a mapping or a sequence
};

// One environment variable (`KEY=value` list item or `KEY: value` map entry).
struct EnvVar {
  std::string name;
  std::string value;
  bool has_value = false;  // false for `- KEY` (taken from the shell) / `KEY:` null
  Span name_span;          // the name (inside the list item for `- KEY=value`)
  Span value_span;         // the value (empty when !has_value)
  Span entry_span;         // the whole list item or `KEY: value` pair
};

// What the image a workload runs is known to contain.
struct WorkloadImage {
  std::string label;         // "image 'pytorch/pytorch:2.1.0-...'" / "Dockerfile 'docker/Dockerfile'"
  bool known = false;        // classified by the KB or a Dockerfile model was built
  bool cuda = false;         // CUDA user-space (base image CUDA or CUDA framework wheels)
  bool cuda_frameworks = false;  // torch / tensorflow / jax with a CUDA build
  bool pytorch = false;      // PyTorch installed or shipped
  std::string evidence;      // "nvidia/cuda:12.1.1 provides CUDA 12.1", "torch 2.1.0+cu118 (Dockerfile line 5)"
  std::optional<ImageFacts> facts;  // for `image:` references
  std::optional<Version> base_cuda; // CUDA of the base image (KB), for NVIDIA_REQUIRE_CUDA
  bool nvidia_base = false;         // the base image is an NVIDIA CUDA / NGC / framework GPU image
};

// One deploy.resources.reservations.devices entry (or one `gpus:` list item).
struct DeviceRequest {
  Span span;                          // the entry
  YamlValue driver;
  YamlValue count;                    // "all" or an integer as written
  YamlValue device_ids;               // span of the sequence
  std::vector<std::string> ids;
  YamlValue capabilities;             // span of the sequence
  std::vector<std::string> caps;
  // A capability Docker's nvidia device driver serves: gpu, nvidia, compute, utility, ...
  bool has_gpu_capability() const;
};

struct ComposeBuild {
  Span key_span;             // the `build` key
  Span span;                 // the `build` value
  std::string context;       // "." when a string form
  YamlValue context_value;
  YamlValue dockerfile;      // build.dockerfile
  YamlValue target;          // build.target
  std::vector<EnvVar> args;  // build.args (list or map form; same shape as environment)
  std::string dockerfile_path;  // resolved path ("" when not resolvable: URL context, inline)
  // The linked Dockerfile, its model and the stage the service runs (target or final).
  std::shared_ptr<const Dockerfile> dockerfile_ast;
  std::shared_ptr<const ImageModel> model;
  std::optional<size_t> stage;
  std::string link_error;    // why the Dockerfile could not be linked ("" when linked)
};

struct ComposeService {
  std::string name;
  Span name_span;            // the service key
  Span span;                 // the service mapping
  YamlValue image;
  std::optional<ComposeBuild> build;
  std::vector<EnvVar> environment;
  YamlValue runtime;         // `runtime: nvidia` (compose v2)
  YamlValue gpus;            // `gpus: all` or a list (compose spec)
  std::vector<DeviceRequest> gpu_list;  // `gpus:` list items
  YamlValue deploy;          // the `deploy` value (span for snippets)
  YamlValue devices_key;     // deploy.resources.reservations.devices
  std::vector<DeviceRequest> devices;
  YamlValue shm_size;
  std::optional<uint64_t> shm_bytes;   // parsed shm_size
  YamlValue ipc;
  std::vector<std::string> profiles;
  YamlValue extends;         // present: fields may come from another service (not followed)
  uint32_t indent = 0;       // column of the service's keys (for snippets)
  WorkloadImage runs;        // what the image is known to contain

  // Any GPU request: a devices entry with the gpu capability, `gpus:`, or runtime nvidia.
  bool requests_gpu() const;
};

struct VolumeMount {
  std::string name;
  std::string mount_path;
  Span span;
};

struct K8sContainer {
  std::string name;
  Span span;                 // the container mapping
  Span name_span;            // the `name` value (the mapping when absent)
  bool init = false;
  YamlValue image;
  std::vector<EnvVar> env;
  YamlValue limits_gpu;      // resources.limits["nvidia.com/gpu"]
  YamlValue requests_gpu;    // resources.requests["nvidia.com/gpu"]
  YamlValue resources;       // the `resources` value
  std::vector<VolumeMount> mounts;
  WorkloadImage runs;
  bool has_gpu_limit() const;  // limits nvidia.com/gpu set to something other than 0
};

struct K8sVolume {
  std::string name;
  Span span;
  bool empty_dir = false;
  bool memory = false;       // emptyDir.medium: Memory
};

// One pod spec (a Pod, or the template of a workload).
struct K8sPod {
  std::string kind;          // "Deployment"
  std::string name;          // metadata.name ("" when none)
  Span kind_span;            // the `kind` value
  Span spec_span;            // the pod spec mapping
  uint32_t spec_indent = 0;  // column of the pod spec's keys
  bool host_ipc = false;
  std::vector<K8sContainer> containers;  // init containers first, then containers
  std::vector<K8sVolume> volumes;
  YamlValue volumes_key;
  // "Deployment 'trainer'" for messages.
  std::string label() const;
};

struct ComposeNote {
  Span span;
  std::string message;
};

struct ComposeModel {
  SourcePtr source;
  bool kubernetes = false;
  std::vector<ComposeService> services;
  std::vector<K8sPod> pods;
  std::vector<ComposeNote> notes;   // Dockerfiles not found, ... (DF003)
};

// Builds the model of a parsed compose file / Kubernetes manifest. `options.context_dir`
// (when set) is the compose project directory; otherwise the compose file's folder.
// Never throws.
std::unique_ptr<ComposeModel> build_compose_model(const yaml::Stream& stream, bool kubernetes,
                                                  const LintOptions& options,
                                                  const KnowledgeBase& kb);

// Size in bytes of a compose byte value ("2gb", "512m", "1g", 1073741824); nullopt when
// it does not parse.
std::optional<uint64_t> parse_compose_bytes(std::string_view text);

// What an `image:` reference is known to contain (KB classification).
WorkloadImage classify_workload_image(std::string_view reference, const KnowledgeBase& kb);
// What a Dockerfile stage is known to contain.
WorkloadImage describe_stage(const ImageModel& model, size_t stage, std::string_view label);

}  // namespace dockml
