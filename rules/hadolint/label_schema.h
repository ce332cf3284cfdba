// Shared pieces of the hadolint label rules: DL3048 (key format), DL3049-DL3051 (schema
// presence/emptiness) and the value-type rules DL3052-DL3056/DL3058. The schema comes from
// LintOptions::label_schema (`label-schema:` in .dockml.yaml / .hadolint.yaml): label name ->
// type ("text", "url", "semver", "hash", "rfc3339", "spdx", "email").
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/engine/rule.h"
#include "analyzer/kb/knowledge_base.h"

namespace dockml::rules::hl {

// One `key=value` of a top-level LABEL (ONBUILD LABEL is not checked: it labels other images).
struct LabelPair {
  std::string key;    // quotes removed
  std::string value;  // quotes removed
  const KeyValue* kv = nullptr;
};
// The pairs of `inst` when it is a top-level LABEL of the linted Dockerfile; empty otherwise.
std::vector<LabelPair> label_pairs(const FileContext& ctx, const Instruction& inst);

// True when the value still holds a `$` variable reference (its value is only known at build).
bool has_variable(std::string_view value);

// Value checks (exact formats in the rule docs).
bool is_url(std::string_view v);
bool is_rfc3339(std::string_view v);
// SPDX ids and exceptions from the knowledge base (names.json spdx).
bool is_spdx_expression(std::string_view v, const SpdxLicenseList& list);
bool is_git_hash(std::string_view v);
bool is_semver(std::string_view v);
bool is_email(std::string_view v);

// DL3052-DL3056/DL3058: reports every LABEL pair whose key the schema types as `type`, whose
// value is non-empty, free of variables, and fails `valid`. `what` completes the message
// "label `k`: `v` is not <what>".
void check_label_type(const FileContext& ctx, const Instruction& inst, Reporter& out,
                      std::string_view type, const std::function<bool(std::string_view)>& valid,
                      std::string_view what);

// Labels per stage, for the presence rules (DL3049): whether each stage (transitively through
// `FROM <earlier stage>`) sets a label, and which stages are leaves (not used as a base or a
// `COPY --from` source by another stage, also through a variable): the images a build can produce.
class StageLabels {
 public:
  void visit(const FileContext& ctx, const Instruction& inst);
  struct Stage {
    const Instruction* from = nullptr;
    std::string name;                  // lower-case alias ("" when none)
    int parent = -1;                   // index of the stage it builds FROM
    bool used = false;                 // base or COPY --from source of another stage
    std::vector<std::string> keys;     // labels set by the stage itself
  };
  const std::vector<Stage>& stages() const { return stages_; }
  // True when stage `i` or a stage it builds on sets `key`.
  bool has(size_t i, std::string_view key) const;

 private:
  int find(std::string_view name) const;
  void use_by_pattern(std::string_view raw);  // `FROM base-${ARCH}`: marks stages it may name
  std::vector<Stage> stages_;
};

}  // namespace dockml::rules::hl
