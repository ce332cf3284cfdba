// Shared by the ML2xx GPU runtime rules: the environment the image ships (Dockerfile ENV in
// the final stage and the stages it is built FROM), the environment compose services and
// Kubernetes containers set, and small edit helpers.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/compose/compose_model.h"
#include "analyzer/engine/rule.h"

namespace dockml::rules::gpu {

// One ENV pair of the runtime image.
struct ImageEnv {
  std::string name;
  std::string value;         // expanded (scope)
  bool known = true;         // false when the value depends on an unknown ARG
  size_t instruction = 0;    // the ENV instruction
  size_t pair = 0;           // index in Instruction::pairs
  size_t stage = 0;
  Span pair_span;
  Span value_span;           // the raw value word (quotes included); the pair when none
  std::string where;         // "ENV on line 5 (stage 'runtime')"
};

// The final stage and the stages it is built FROM, final first.
std::vector<size_t> runtime_chain(const ImageModel& model);
// Every ENV pair of the runtime chain, in file order.
std::vector<ImageEnv> runtime_env(const FileContext& ctx);
// What the runtime image is known to contain (merged over the chain).
WorkloadImage runtime_image(const ImageModel& model);

// One environment variable a compose service or Kubernetes container sets.
struct WorkloadEnv {
  const EnvVar* var = nullptr;
  std::string owner;                  // "service 'train'" / "container 'main' of Deployment 'x'"
  const WorkloadImage* image = nullptr;
  bool gpu_request = false;
};
std::vector<WorkloadEnv> workload_env(const ComposeModel& model);

// The file name as given on the command line, for messages naming both sides.
std::string file_name(const FileContext& ctx);
// The offset just inside an opening quote of the value at `span` (the span start otherwise).
uint32_t value_start(const SourceFile& src, Span span);
// An edit removing pair `pair` of an ENV instruction (the whole instruction when it is the
// only pair), keeping the other pairs and their continuation lines.
Edit remove_env_pair(const SourceFile& src, const Instruction& inst, size_t pair);
// Splits "compute,utility" into trimmed lower-case items.
std::vector<std::string> split_list(std::string_view value);
// Go's strconv.ParseBool true values.
bool truthy(std::string_view value);

}  // namespace dockml::rules::gpu
