// Stages and ARG/ENV scoping of a parsed Dockerfile, with BuildKit's rules (SYNTAX.md §11):
// global ARGs (before the first FROM) are visible only in FROM lines; `ARG X` inside a stage
// re-imports the global value, `ARG X=d` sets a default, `--build-arg` overrides declared
// ARGs only; ARG and ENV share one environment in which the later definition wins (BuildKit
// adds ARG values to the stage's environment; the usual "ENV beats ARG" case is an ENV after
// the ARG); a stage `FROM <earlier stage>` inherits that stage's variables; all pairs of one
// ENV line are expanded with the values from before the line, ARG pairs one after another.
//
// Computed once per file (BuildScope::compute); queries per instruction index are a few
// binary searches. Values of ARGs that are declared without a default and without a
// --build-arg are "unknown" (VarValue::State::kUnknown), not empty.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/dockerfile/ast.h"
#include "analyzer/dockerfile/expand.h"

namespace dockml {

struct ScopeOptions {
  std::map<std::string, std::string> build_args;  // --build-arg KEY=VALUE
  std::string build_platform = "linux/amd64";     // BUILDPLATFORM and BUILDOS/ARCH/VARIANT
  std::string target_platform = "linux/amd64";    // TARGETPLATFORM and TARGETOS/ARCH/VARIANT
  bool platform_known = true;                     // false: the automatic ARGs are unknown
  // In a stage built on an external image, a variable the Dockerfile does not define may
  // come from the image's own ENV (PATH, CUDA_VERSION, ...): lookups report it as unknown
  // instead of unset (BuildScope::find still returns null for it).
  bool base_env_unknown = true;
};

inline constexpr size_t kNoInstruction = static_cast<size_t>(-1);

// One definition of a variable.
struct VarBinding {
  enum class Origin : uint8_t {
    kGlobalArg,   // ARG before the first FROM
    kArg,         // ARG inside a stage
    kEnv,         // ENV
    kAutomatic,   // BUILDPLATFORM, TARGETARCH, ... (global scope only)
    kPredefined,  // HTTP_PROXY & co. given with --build-arg (usable without declaration)
  };
  std::string name;
  std::string value;           // expanded; for unknown values the text as far as known
  bool known = true;           // false: value unknown statically
  Origin origin = Origin::kArg;
  bool from_build_arg = false;  // the value came from --build-arg
  bool has_default = false;     // ARG written with `=`
  size_t instruction = kNoInstruction;  // defining instruction (kNoInstruction: automatic)
  Span span;                   // the pair (`NAME=value`) in the source; empty for automatic
};

struct StageInfo {
  size_t index = 0;
  std::string name;               // lower-cased `AS` name; empty when unnamed
  Span name_span;                 // the name word in the source
  size_t from_instruction = 0;    // index of the FROM instruction
  size_t begin = 0, end = 0;      // instruction range [begin, end), FROM included
  std::string base_raw;           // the image word as written
  Span base_span;
  std::string base;               // expanded with global ARGs, build args, platform ARGs
  bool base_exact = true;         // false when an unknown value was involved
  std::optional<ExpandError> base_error;
  std::string platform_raw;       // --platform value as given ("" when absent)
  std::string platform;           // expanded
  std::optional<size_t> parent;   // stage index when FROM names an earlier stage
  bool is_scratch = false;        // FROM scratch
  bool is_final = false;          // the last stage (default build target)
  // The root of the stage's FROM chain is an external image, whose own ENV (PATH,
  // CUDA_VERSION, ...) is not known here.
  bool external_base = false;
};

// An expansion error met while computing the scope (BuildKit fails the build there).
struct ScopeError {
  size_t instruction = 0;
  std::string word;        // the text that failed to expand
  ExpandError error;
};

class BuildScope {
 public:
  static BuildScope compute(const Dockerfile& file, const ScopeOptions& options = {});

  const std::vector<StageInfo>& stages() const { return stages_; }
  // The stage holding instruction `i`; nullopt for instructions before the first FROM.
  std::optional<size_t> stage_of(size_t instruction) const;
  // Stage by (case-insensitive) name among the stages starting before `before_instruction`.
  std::optional<size_t> find_stage(std::string_view name,
                                   size_t before_instruction = kNoInstruction) const;

  // The definition of `name` visible when instruction `i` runs (defined by an earlier
  // instruction). FROM sees global ARGs and the automatic platform ARGs only.
  const VarBinding* find(size_t instruction, std::string_view name) const;
  // Every variable visible at instruction `i`, sorted by name.
  std::vector<const VarBinding*> visible(size_t instruction) const;
  // A lookup for expand_word() at instruction `i` (valid while this BuildScope lives).
  class Lookup final : public VarLookup {
   public:
    Lookup(const BuildScope& scope, size_t instruction) : scope_(scope), at_(instruction) {}
    VarValue get(std::string_view name) const override;

   private:
    const BuildScope& scope_;
    size_t at_;
  };
  Lookup lookup_at(size_t instruction) const { return Lookup(*this, instruction); }

  // All definitions in file order (automatic ARGs first).
  const std::vector<VarBinding>& bindings() const { return bindings_; }
  const std::vector<ScopeError>& errors() const { return errors_; }

  // True for the names BuildKit predefines: HTTP_PROXY, https_proxy, NO_PROXY, ...
  static bool is_predefined_arg(std::string_view name);
  // True for BUILDPLATFORM, BUILDOS, BUILDARCH, BUILDVARIANT, TARGETPLATFORM, TARGETOS,
  // TARGETARCH, TARGETVARIANT.
  static bool is_automatic_arg(std::string_view name);

 private:
  class Builder;
  static constexpr int kGlobal = -1;
  struct ScopeIndex {
    std::map<std::string, std::vector<uint32_t>, std::less<>> by_name;  // -> bindings_ indices
  };
  // Latest binding of `name` in scope `scope` from an instruction < limit.
  const VarBinding* find_local(int scope, std::string_view name, size_t limit) const;
  // ... falling back to the parent stages (or, for the global scope, the automatic ARGs).
  const VarBinding* find_from(int scope, std::string_view name, size_t limit) const;
  // The scope an instruction sees (kGlobal for FROM lines and lines before the first FROM).
  int scope_of(size_t instruction) const;
  class RangeLookup;

  std::vector<StageInfo> stages_;
  std::vector<VarBinding> bindings_;
  ScopeIndex global_;
  std::vector<ScopeIndex> stage_index_;
  std::vector<uint32_t> automatic_;     // bindings_ indices of the automatic ARGs
  std::vector<uint32_t> predefined_;    // bindings_ indices of proxy build args
  std::vector<ScopeError> errors_;
  size_t instruction_count_ = 0;
  bool base_env_unknown_ = true;
  VarValue value_of(const VarBinding* b, int scope) const;
};

}  // namespace dockml
