// KnowledgeBase: typed, read-only access to rules/kb/*.json (CUDA, images, PyTorch,
// TensorFlow, JAX, CUDA-bound wheels, NGC, Python). Rules never see JSON: every accessor
// returns a small struct whose facts carry their Provenance (source ids qualified with
// the file, "cuda:K18", and whether the row is confirmed). Per ../shared/DESIGN.md rules
// may raise warnings/errors only from confirmed facts.
//
// KnowledgeBase::builtin() is the copy compiled into the binary (parsed lazily, once per
// file, thread-safe). KnowledgeBase::load_directory(DIR) (`--kb DIR`) replaces the
// built-in file of the same name by DIR/<name>.json for every such file present, validating
// each against rules/kb/schema.json and checking that every source id resolves.
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/kb/version.h"

namespace dockml {

// Where a fact comes from.
struct Provenance {
  std::vector<std::string> sources;  // qualified ids: "cuda:K18", "ngc:N14"
  bool confirmed = false;
};

template <typename T>
struct Fact {
  T value{};
  Provenance from;
};

struct SourceInfo {
  std::string id;    // "cuda:K18"
  std::string ref;   // "owner/name:path@commit" or URL
  std::string date;  // may be empty
  std::string note;  // may be empty
};

// ---- CUDA -------------------------------------------------------------------------------
struct CudaDriverRequirement {
  Version toolkit;         // the toolkit release the driver belongs to ("12.2.2", or the GA)
  std::string label;       // "GA", "Update 2", "" when unlabelled
  Version linux_driver;    // "535.104.05"
  bool exact_release = false;  // the queried version named this release (not just its minor)
  Provenance from;
};

struct MinorCompatFloor {
  int major = 0;
  int first_minor = 0, last_minor = 0;
  Version linux_floor;                  // "525.60.13"
  std::optional<Version> linux_below;   // branch bound of the next major ("580")
  Provenance from;
};

struct ArchInfo {
  Version sm;                           // 9.0
  std::string name;                     // "Hopper"
  Version first_cuda;                   // 11.8
  std::optional<int> last_cuda_major;   // 12 for Volta; nullopt = still supported
  Provenance from;
};

// ---- Images ------------------------------------------------------------------------------
enum class TagStatus { kValid, kInvalid, kEol, kUnknown };

struct CudaTagCheck {
  TagStatus status = TagStatus::kUnknown;
  std::string reason;            // why invalid/EOL/unknown ("cuDNN token cudnn8 exists for CUDA 11.0-12.2")
  std::string suggestion;        // nearest valid tag piece when known ("12.4.1", "cudnn"), may be empty
  Provenance from;
};

struct RequireCuda {
  Version image;
  Version cuda_ge;
  std::vector<int> branches;
  std::vector<std::string> brands;
  std::string env_value() const;  // "cuda>=12.1 brand=tesla,driver>=470,driver<471 ..."
  Provenance from;
};

struct FlavorInfo {
  std::string flavor;  // "devel"
  bool nvcc = false;
  bool cuda_libraries = false;
  bool cudnn = false;
  Provenance from;
};

// ---- PyTorch -----------------------------------------------------------------------------
struct TorchRelease {
  Version version;
  std::optional<Fact<Version>> torchvision;   // paired release
  std::optional<Fact<Version>> torchaudio;
  std::vector<Version> torchvision_alternatives;  // e.g. conda's pair for 2.0.0
  std::vector<Version> torchaudio_alternatives;
  Fact<Version> python_min, python_max;
  std::vector<std::string> python_extra;       // "3.13t"
  std::vector<std::string> cuda_variants;      // "cu118", "cu121"
  std::optional<Fact<std::string>> pypi_default;  // "cu121"; nullopt = no CUDA build on PyPI
  std::vector<std::string> rocm_variants;
  Fact<int> cudnn_major;
  Fact<Version> min_glibc;
  std::string note;
  Provenance from;  // the row
  bool has_variant(std::string_view v) const;
  bool supports_python(const Version& py) const;  // py.major.minor within [min, max]
};

struct TorchArchList {
  std::string variant;
  std::vector<Version> archs;
  std::optional<Version> ptx;
  Provenance from;
};

// ---- TensorFlow --------------------------------------------------------------------------
struct TfTested {
  Version version;  // the row's version ("2.15.0")
  std::string package;
  Version python_min, python_max;
  bool python2 = false;
  Version cuda, cudnn;
  std::string compiler;
  bool exact = false;  // false: answered from the minor's row (confirmed is then false)
  Provenance from;
};

// ---- JAX ---------------------------------------------------------------------------------
struct JaxExtra {
  std::string extra;  // normalised with dashes: "cuda12-local"
  std::optional<int> cuda_major;
  bool rocm = false, local = false;
  std::optional<Version> first, removed;
  Provenance from;
};

struct JaxCudaRequirements {
  int cuda_major = 0;
  Version min_cuda, min_cudnn, min_driver, min_sm;
  std::optional<Version> cudnn_below, built_with;
  Provenance from;
};

// Floors in force for a jax/jaxlib version (accumulated over the timeline).
struct JaxFloors {
  std::optional<Fact<std::vector<int>>> cuda_majors;
  std::optional<Fact<Version>> min_cuda, min_cuda12, min_cudnn, min_python;
  std::optional<Fact<bool>> local_builds;
};

// ---- Wheels ------------------------------------------------------------------------------
struct WheelCuda {
  int cuda_major = 0;
  std::optional<Version> cuda;   // full when known (onnxruntime-gpu 1.15 -> 11.8, mxnet-cu112)
  std::optional<Version> cudnn;  // when known (onnxruntime-gpu)
  std::string note;
  Provenance from;
};

struct AddonFacts {
  std::string package;
  std::optional<Version> min_torch, min_cuda, min_sm;
  bool needs_nvcc = false;
  bool not_surveyed = false;
  Provenance from;
  // Building it compiles CUDA code: when PyPI has only an sdist (`sdist_only`: every pip
  // install compiles), or when one of `build_env` is set ("DS_BUILD_OPS"; a name ending in
  // '_' is a prefix). `build_from` is the provenance of needs_nvcc/sdist_only, `build_env_from`
  // of build_env (rows may mark single fields unconfirmed).
  bool sdist_only = false;
  std::vector<std::string> build_env;
  Provenance build_from, build_env_from;
};

// ---- NGC ---------------------------------------------------------------------------------
struct NgcRelease {
  std::string container;  // "pytorch", "tensorflow", "tritonserver", "cuda-dl-base"
  std::string release;    // "24.07"
  std::optional<Fact<std::string>> framework;  // torch build string / TF version
  std::optional<Fact<Version>> ubuntu, python, cuda, cudnn, nccl;
  std::optional<Fact<bool>> nvcc;
  Provenance from;
};

// ---- Python / OS -------------------------------------------------------------------------
struct DistroFacts {
  std::string os, version, codename;
  std::optional<Fact<Version>> python;
  std::optional<Fact<Version>> glibc;
};

struct PythonImageVariant {
  std::string os;       // "debian", "alpine", "windows"
  std::string version;  // "12" ("" when not stated)
  std::string libc;
  Provenance from;
};

// ---- Names rules recognise (names.json) -----------------------------------------------------
// An ML service token: `prefix` followed by at least `min_length` letters and digits (and
// '-'/'_' when `dash_underscore`).
struct SecretTokenFormat {
  std::string prefix;     // "hf_"
  std::string service;    // "Hugging Face token"
  std::string article;    // "a" / "an" (before the service name in messages)
  bool dash_underscore = false;
  int min_length = 0;
  Provenance from;
};

// Model-weight files: any `*.<extension>`; `*.bin` only when the name starts with a bin stem
// ("pytorch_model") or the file lies under a bin dir ("models", "pretrained*": prefix).
struct WeightFileNames {
  std::vector<std::string> extensions;  // "safetensors", "pt", ...
  std::vector<std::string> bin_stems;
  std::vector<std::string> bin_dirs;
  Provenance from;
};

// A package that puts the NVIDIA driver or container runtime into an image.
struct DriverPackagePattern {
  std::string pattern;  // package name; `*` any characters, `#` a number ("cuda-#-#")
  std::string kind;     // "driver", "meta" (CUDA meta-package pulling in the driver), "runtime"
  Provenance from;
};

struct SpdxLicenseList {
  std::vector<std::string> ids;         // "Apache-2.0", ... (compare case-insensitively)
  std::vector<std::string> exceptions;  // "LLVM-exception", ...
  Provenance from;
};

struct KbError {
  std::string message;  // "DIR/cuda.json:12:5: syntax error ..." or "cuda.json: /toolkits/3: ..."
};

class KnowledgeBase;
struct KbLoadResult {
  std::shared_ptr<const KnowledgeBase> kb;  // set on success
  KbError error;                            // set when kb is null
};

class KnowledgeBase {
 public:
  static constexpr std::array<std::string_view, 9> kFiles = {
      "cuda", "images", "pytorch", "tensorflow", "jax", "wheels", "ngc", "python", "names"};

  // The embedded KB (never fails at run time: a test validates the embedded files).
  static const KnowledgeBase& builtin();
  // Built-in files overridden by DIR/<name>.json when present; validates what it reads.
  static KbLoadResult load_directory(const std::string& dir);
  // For tests: name ("cuda") -> JSON text overriding the built-in file.
  static KbLoadResult load_texts(const std::vector<std::pair<std::string, std::string>>& files);
  // Validates every built-in file (schema + source ids); "" when fine.
  static std::string validate_builtin();

  ~KnowledgeBase();
  KnowledgeBase(const KnowledgeBase&) = delete;
  KnowledgeBase& operator=(const KnowledgeBase&) = delete;

  std::optional<SourceInfo> source(std::string_view qualified_id) const;

  // CUDA
  std::optional<CudaDriverRequirement> cuda_min_driver(const Version& cuda) const;
  std::optional<MinorCompatFloor> cuda_minor_compat_floor(const Version& cuda) const;
  std::optional<MinorCompatFloor> cuda_minor_compat_floor(int major) const;  // highest floor
  std::optional<ArchInfo> arch_info(const Version& sm) const;
  // nullopt when the architecture is unknown.
  std::optional<Fact<bool>> arch_supported(const Version& cuda, const Version& sm) const;
  bool cuda_never_released(const Version& cuda) const;
  std::optional<Fact<Version>> image_cudnn(const Version& cuda_image) const;

  // Images
  // family for a normalised registry + path ("docker.io", "library/python"); "" if unknown.
  std::optional<Fact<std::string>> image_family(std::string_view registry,
                                                std::string_view path) const;
  std::optional<FlavorInfo> cuda_flavor(std::string_view flavor) const;
  // cuDNN major of a token valid for some CUDA ("cudnn8" -> 8), incl. legacy tokens.
  std::optional<int> cudnn_token_major(std::string_view token) const;
  // Checks an nvidia/cuda tag ("12.1.1-cudnn8-devel-ubuntu22.04", "latest", "").
  CudaTagCheck nvidia_cuda_tag_check(std::string_view tag) const;
  std::optional<RequireCuda> require_cuda(const Version& cuda_image) const;
  std::optional<Fact<bool>> pytorch_image_nvcc(std::string_view flavor) const;  // runtime/devel
  std::optional<Fact<Version>> pytorch_image_cuda_full(const Version& cuda) const;

  // PyTorch
  std::optional<TorchRelease> torch_release(const Version& torch) const;
  // torch versions paired with a torchvision / torchaudio version.
  std::vector<Version> torch_for_torchvision(const Version& tv) const;
  std::vector<Version> torch_for_torchaudio(const Version& ta) const;
  std::optional<Fact<Version>> torch_cudnn(const Version& torch, const Version& cuda) const;
  std::optional<TorchArchList> torch_arch_list(const Version& torch, std::string_view variant) const;

  // TensorFlow
  std::optional<TfTested> tf_tested(const Version& tf) const;
  std::optional<Fact<std::string>> tf_fact(std::string_view key) const;

  // JAX
  std::optional<JaxExtra> jax_extra(std::string_view extra) const;  // "cuda12_local" ok
  std::optional<JaxCudaRequirements> jax_cuda_requirements(int cuda_major) const;
  JaxFloors jax_floors(const Version& jax) const;

  // Wheels: CUDA of a CUDA-bound wheel (PEP 503 name; version when known).
  std::optional<WheelCuda> wheel_cuda(std::string_view name, const std::optional<Version>& version) const;
  std::optional<AddonFacts> addon(std::string_view package) const;
  // Every add-on row that compiles CUDA code when built (needs_nvcc), in file order.
  const std::vector<AddonFacts>& cuda_build_addons() const;

  // Names (names.json), in file order.
  // names.json, read once per knowledge base (rules ask for every file).
  const std::vector<SecretTokenFormat>& secret_token_formats() const;
  const WeightFileNames& weight_file_names() const;
  const std::vector<DriverPackagePattern>& driver_packages() const;
  const SpdxLicenseList& spdx_licenses() const;

  // NGC: container "pytorch"/"tensorflow"/"tritonserver"/"cuda-dl-base"/"jax", release "24.07".
  std::optional<NgcRelease> ngc_release(std::string_view container, std::string_view release) const;

  // Python / OS
  std::optional<DistroFacts> distro(std::string_view os, std::string_view version) const;
  std::optional<Fact<Version>> default_python(std::string_view os, std::string_view version) const;
  // "bookworm" -> debian 12, "alpine3.23" -> alpine; nullopt for unknown suffixes.
  std::optional<PythonImageVariant> python_image_variant(std::string_view suffix) const;
  std::optional<Fact<Version>> python_image_patch(std::string_view minor_tag) const;  // "3.11" -> 3.11.15
  // A row of the `facts` table of any KB file ("python", "no_cuda_in_python_images"); values
  // other than strings come back as JSON text ("true", "580"). nullopt when absent.
  std::optional<Fact<std::string>> file_fact(std::string_view file, std::string_view key) const;

  struct Impl;

 private:
  KnowledgeBase();
  std::unique_ptr<Impl> impl_;
};

}  // namespace dockml
