// ImageModel: what one Dockerfile builds, computed ONCE per file (build_image_model) and
// handed to every rule through FileContext::model. Per stage: the base image and what it
// provides (ImageFacts from the KB, inherited through `FROM <stage>` chains), variables,
// the effective Python and CUDA with where they came from, every install fact (RUN commands
// and the requirement / environment files COPY/ADD brought in from the build context), the
// resolved CUDA variant of torch/tensorflow/jax wheels, and whether the stage compiles CUDA.
//
// Every RUN is parsed once (shell::parse_run + shell::recognize) and kept here per
// instruction index: rules (ML and hadolint DL rules alike) use run_at() instead of
// re-parsing. Unknown is unknown: a fact the Dockerfile, the context or the KB do not
// establish stays empty (std::nullopt / ""), it is never guessed.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analyzer/dockerfile/ast.h"
#include "analyzer/dockerfile/scope.h"
#include "analyzer/engine/options.h"
#include "analyzer/image/image_facts.h"
#include "analyzer/kb/knowledge_base.h"
#include "analyzer/model/install_facts.h"
#include "analyzer/reqs/conda_env.h"
#include "analyzer/reqs/includes.h"
#include "analyzer/shell/shell.h"

namespace dockml {

// Something the model could not establish and the user should know (DF003, info).
struct ModelNote {
  SourceRef where;      // the -r / -f word in the Dockerfile, or the include line
  std::string message;  // "requirement file 'reqs/base.txt' not found in the build context ..."
};

// One RUN (shell form, heredoc or exec form), or the RUN of an `ONBUILD RUN`, parsed once.
struct RunAnalysis {
  size_t instruction = 0;          // index in Dockerfile::instructions (of the ONBUILD for triggers)
  std::optional<size_t> stage;     // stage index (nullopt before the first FROM)
  std::vector<std::string> shell;  // the SHELL in effect ({"/bin/sh", "-c"} unless changed;
                                   // inherited through FROM <stage>)
  bool onbuild = false;            // an ONBUILD trigger: runs in child images, not in this one
  shell::ShellScript script;
  InstallFacts facts;
};

// A requirement / environment file a RUN installs (`pip install -r`, `-c`, `conda env
// create -f`), mapped back through COPY/ADD and WORKDIR to the build context.
struct InstalledFile {
  std::string image_path;    // absolute path in the image ("/app/requirements.txt"; a
                             // leading "?/" means relative to an unknown WORKDIR)
  std::string context_path;  // the file in the build context ("" when no COPY/ADD brought it)
  bool found = false;        // read and parsed
  bool conda_env = false;    // environment.yml (conda env create/update -f)
  bool constraint = false;   // -c
  size_t run_instruction = 0;
  SourceRef arg;             // the path word in the RUN
  std::optional<size_t> copy_instruction;  // the COPY/ADD that brought it in
  std::shared_ptr<const reqs::RequirementSet> requirements;  // pip files (with includes)
  std::shared_ptr<const reqs::CondaEnvironment> environment; // conda env files
};

// A Python package the stage installs (command line, requirement file or environment.yml).
struct PythonPackage {
  PipRequirement req;            // spans point into the Dockerfile or the requirement file
  std::string tool;              // "pip", "uv pip", "conda env", ...
  size_t run_instruction = 0;    // the RUN that installs it
  SourceRef command;             // that RUN's command (or its -r word when from a file)
  std::string requirement_file;  // context path when from a file ("" on the command line)
  int file_index = -1;           // index into StageModel::files (-1 on the command line)
  PipOptions options;            // command-line options merged with the file's options
  bool uninstall = false;        // pip uninstall
};

// A conda package the stage installs (command line or environment.yml).
struct CondaPackageUse {
  CondaPackage pkg;
  size_t run_instruction = 0;
  int file_index = -1;
  std::vector<std::string> channels;
};

// The CUDA build of a framework wheel: torch, torchvision, torchaudio, tensorflow, jax, jaxlib.
struct FrameworkVariant {
  std::string package;              // PEP 503 name ("torch", "pytorch" for conda)
  std::optional<Version> version;   // exact pin when known
  std::string variant;              // "cu118", "cpu", "rocm5.7", "cuda12" (jax); "" unknown
  std::optional<Version> cuda;      // 11.8 (major only for jax extras: 12)
  // "local version label", "index URL", "conda pytorch-cuda", "PyPI default",
  // "tested build configuration" (tensorflow), "jax extra", "conda build string"
  std::string origin;
  Provenance from;                  // KB rows when the answer came from the KB
  SourceRef ref;                    // the requirement (or the index URL / pytorch-cuda word)
  SourceRef origin_ref;             // the word that fixed the variant (URL, label, ...)
  int package_index = -1;           // StageModel::python_packages index (-1 for conda)
};

// Why a stage compiles CUDA code.
struct CudaBuild {
  std::string reason;  // "source build of flash-attn", "nvcc call", ...
  SourceRef ref;
  size_t instruction = 0;
  Provenance from;     // KB rows saying the package compiles CUDA code (empty: seen in the Dockerfile)
};

// Where the stage's Python / CUDA come from.
struct PythonFact {
  Version version;
  // "base image" (python:X.Y, NGC, ...), "OS default python3", "apt python3.X",
  // "conda python=", "uv python install", "pyenv install", "inherited"
  std::string origin;
  Provenance from;
  SourceRef ref;          // install word in a RUN (empty for base-image facts)
};

struct CudaFact {
  Version version;
  std::string origin;     // "base image", "apt cuda-toolkit-X-Y", "conda cudatoolkit", ...
  Provenance from;
  SourceRef ref;
};

struct CopyEdge {
  size_t instruction = 0;
  std::optional<size_t> from_stage;  // COPY --from=<stage>
  std::string from_image;            // COPY --from=<image> (not a stage)
  std::vector<std::string> sources;
  std::string dest;
};

struct StageModel {
  size_t index = 0;
  std::string name;                      // lower-case AS name ("" when unnamed)
  size_t from_instruction = 0;
  size_t begin = 0, end = 0;             // instruction range [begin, end)
  std::string base_raw;                  // as written
  Span base_span;
  std::string base;                      // expanded
  bool base_exact = true;
  std::optional<ImageRef> base_ref;      // parsed (external bases only)
  std::string base_error;                // image reference parse error
  std::optional<size_t> parent;          // FROM <earlier stage>
  ImageFacts facts;                      // of the root external image (inherited via parent)
  bool is_final = false;

  std::optional<PythonFact> python;      // effective Python
  std::optional<CudaFact> cuda;          // effective CUDA (base or installed toolkit)
  std::optional<Fact<bool>> nvcc;        // nvcc available (base flavor or installed)
  bool nvcc_installed = false;           // a CUDA toolkit / nvcc was installed in the stage

  std::vector<size_t> runs;              // instruction indices of this stage's RUNs
  std::vector<InstalledFile> files;
  std::vector<PythonPackage> python_packages;
  std::vector<CondaPackageUse> conda_packages;
  std::vector<SystemPackage> system_packages;
  std::vector<FrameworkVariant> frameworks;
  std::vector<CudaBuild> cuda_builds;    // non-empty: the stage compiles CUDA code
  std::vector<CopyEdge> copies;          // COPY/ADD of this stage (with --from edges)

  bool compiles_cuda() const { return !cuda_builds.empty(); }
  // The first framework variant for `package` ("torch"), nullptr when none.
  const FrameworkVariant* framework(std::string_view package) const;
};

struct ImageModel {
  const Dockerfile* dockerfile = nullptr;
  SourcePtr source;
  std::string context_dir;               // build context used for requirement files
  BuildScope scope;
  std::vector<StageModel> stages;
  std::vector<RunAnalysis> run_list;     // every RUN in file order (ONBUILD triggers excluded)
  // The RUNs of `ONBUILD RUN` instructions: parsed once like RUNs, but they add no install
  // facts to their stage (they run when a child image is built).
  std::vector<RunAnalysis> onbuild_runs;
  std::vector<ModelNote> notes;
  std::optional<size_t> final_stage;

  // The parsed RUN at instruction index `i`; nullptr when `i` is not a RUN.
  const RunAnalysis* run_at(size_t instruction) const;
  // The parsed trigger of the `ONBUILD RUN` at instruction index `i`; nullptr otherwise.
  const RunAnalysis* onbuild_run_at(size_t instruction) const;
  // The stage containing instruction `i`.
  const StageModel* stage_of(size_t instruction) const;

  std::vector<int32_t> run_index_;       // instruction -> run_list index (-1)
};

// Builds the model. `kb` is the knowledge base to classify with; options give build args
// and the context directory (default: the Dockerfile's folder). Never throws.
std::unique_ptr<ImageModel> build_image_model(const Dockerfile& df, const LintOptions& options,
                                              const KnowledgeBase& kb);

}  // namespace dockml
