// Shared helpers for the ML1xx compatibility rules (rules/compat/): how the stage's CUDA and
// a package's origin are worded in messages, reporting at a package that may live in a
// requirement file (with a label at the RUN that installs the file), and the rules of
// evidence (a finding resting on an unconfirmed knowledge-base fact becomes an info-level
// note that says so). Plain functions over the image model; no state.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/engine/rule.h"
#include "analyzer/kb/knowledge_base.h"
#include "analyzer/model/image_model.h"

namespace dockml::rules::compat {

// 1-based line of `ref` in its file (0 when the ref has no source).
uint32_t line_of(const SourceRef& ref);

// ---- The stage's CUDA -------------------------------------------------------------------

// The CUDA a stage provides and where it came from, ready for messages.
struct StageCuda {
  Version version;       // 12.1.1
  std::string image;     // the external image it comes from ("nvidia/cuda:12.1.1-devel-ubuntu22.04"), "" when installed
  bool installed = false;  // a toolkit installed in the stage (or an ancestor stage)
  std::string origin;    // CudaFact::origin ("base image", "apt cuda-toolkit-12-1", "conda cudatoolkit")
  SourceRef ref;         // the FROM image word (of the root stage) or the install word
  Provenance from;
  // "the base image nvidia/cuda:12.1.1-devel-ubuntu22.04 (line 1) provides CUDA 12.1.1" or
  // "the stage installs CUDA 12.1 (apt cuda-toolkit-12-1, line 5)"
  std::string words;
  // "CUDA 12.1.1 of the base image nvidia/cuda:12.1.1-devel-ubuntu22.04 (line 1)" or
  // "CUDA 12.1 installed on line 5 (apt cuda-toolkit-12-1)"
  std::string noun;
};

// nullopt when the stage's CUDA is unknown (unknown or CPU image, unresolved base).
std::optional<StageCuda> stage_cuda(const ImageModel& model, const StageModel& st);

// The stage (this one or an ancestor through `FROM <stage>`) whose FROM names the external image.
const StageModel& root_stage(const ImageModel& model, const StageModel& st);

// A label "CUDA 11.8 comes from here" at the CUDA's origin (FROM image word or install word).
void add_cuda_label(Diagnostic& d, const StageCuda& cuda);

// ---- Packages -------------------------------------------------------------------------------

// "line 7" for a package on a RUN command line; "requirements.txt line 3" for one in a
// requirement file (context-relative path as the model records it).
std::string package_where(const PythonPackage& pkg);

// "torch 2.1.0+cu118" / "torch (unpinned)" / "torch >=2.0".
std::string package_words(const PipRequirement& req);

// Reports at `ref` (a span of `pkg`: its name, specifier or whole requirement). When the
// package comes from a requirement file, the diagnostic points into that file and gets a
// label at the `-r` word of the RUN that installs it ("requirements.txt is installed here").
Diagnostic& report_at_package(Reporter& out, const FileContext& ctx, const StageModel& st,
                              const PythonPackage& pkg, const SourceRef& ref, std::string message,
                              Severity severity);

// Adds the "installed here" label for a package from a requirement file (no-op otherwise).
void add_install_label(Diagnostic& d, const FileContext& ctx, const StageModel& st,
                       const PythonPackage& pkg);

// The package behind a framework variant (nullptr for conda frameworks).
const PythonPackage* package_of(const StageModel& st, const FrameworkVariant& f);

// ---- Evidence -------------------------------------------------------------------------------

// Collects the provenance of the facts a finding rests on. Facts read from the Dockerfile
// (empty Provenance: no KB source) count as confirmed.
class Evidence {
 public:
  Evidence& add(const Provenance& p);
  bool confirmed() const { return confirmed_; }
  // Sources of the unconfirmed facts ("pytorch:S3x, tensorflow:T6"), "" when all confirmed.
  std::string unconfirmed_sources() const;

 private:
  bool confirmed_ = true;
  std::vector<std::string> unconfirmed_;
};

// Applies the rules of evidence to a diagnostic just reported: when `ev` is not confirmed,
// the severity drops to info, the message gains " (unconfirmed)" and a note names the
// unconfirmed sources. Returns `d`.
Diagnostic& apply_evidence(Diagnostic& d, const Evidence& ev);

// ---- Fixes ----------------------------------------------------------------------------------

// "https://download.pytorch.org/whl/cu121" for "cu121".
std::string torch_index_url(std::string_view variant);

// The torch wheel variant (of those `rel` publishes) matching an image CUDA: same major and
// minor, else the newest one of the same major not newer than the image's CUDA. "" when none.
std::string matching_torch_variant(const TorchRelease& rel, const Version& image_cuda);

}  // namespace dockml::rules::compat

namespace dockml::rules::compat {

// ---- More wording and lookup helpers ----------------------------------------------------------

// How a framework's CUDA variant was determined, for messages: "from its local version label
// +cu118", "from the index URL https://download.pytorch.org/whl/cu121", "the build PyPI serves
// for torch 2.1.0", "from pytorch-cuda=11.8", "its tested build configuration".
std::string variant_origin_words(const FrameworkVariant& f);

// True when the Dockerfile itself names the build: a local version label (+cu121), an index
// URL, uv's torch backend or a conda build string; false for PyPI defaults and inferred ones.
bool variant_named_in_dockerfile(const FrameworkVariant& f);

// "torch 2.1.0+cu118", "torch 2.3.0", "pytorch 2.1.0" or "torch" (version unknown).
std::string framework_words(const FrameworkVariant& f);

// The span in `src` of the first occurrence of `needle` inside a word of the command
// `command` (a span of the RUN), e.g. "/whl/cu118" inside the --index-url word; nullopt when
// no word of that RUN holds it literally (variables, other files).
std::optional<Span> find_in_command(const ImageModel& model, size_t run_instruction,
                                    const SourceRef& command, std::string_view needle);

// For an nvidia/cuda base (written without variables): the same tag with CUDA `target`
// (major.minor; the latest point release the KB records), e.g. "nvidia/cuda:12.1.1-devel-ubuntu22.04".
// "" when the stage's root base is not nvidia/cuda, uses variables, or no valid tag is known.
std::string suggest_cuda_base(const ImageModel& model, const StageModel& st, const KnowledgeBase& kb,
                              const Version& target);

}  // namespace dockml::rules::compat

namespace dockml::rules::compat {

// True when pip would leave the base image's framework alone: the stage's base ships
// `package` ("torch" / "tensorflow") at exactly the pinned release and the pin has no local
// label (`pip install torch==2.1.0` on pytorch/pytorch:2.1.0-... is "already satisfied").
bool already_satisfied_by_base(const StageModel& st, const FrameworkVariant& f);

}  // namespace dockml::rules::compat
