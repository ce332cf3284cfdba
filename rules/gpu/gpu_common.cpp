#include "rules/gpu/gpu_common.h"

#include <algorithm>

#include <fmt/format.h>

namespace dockml::rules::gpu {

std::vector<size_t> runtime_chain(const ImageModel& model) {
  std::vector<size_t> chain;
  std::optional<size_t> at = model.final_stage;
  while (at && *at < model.stages.size() && chain.size() <= model.stages.size()) {
    chain.push_back(*at);
    at = model.stages[*at].parent;
  }
  return chain;
}

std::vector<ImageEnv> runtime_env(const FileContext& ctx) {
  std::vector<ImageEnv> out;
  if (!ctx.model || !ctx.dockerfile) return out;
  const ImageModel& model = *ctx.model;
  std::vector<size_t> chain = runtime_chain(model);
  for (const VarBinding& b : model.scope.bindings()) {
    if (b.origin != VarBinding::Origin::kEnv || b.instruction >= ctx.dockerfile->instructions.size())
      continue;
    std::optional<size_t> stage = model.scope.stage_of(b.instruction);
    if (!stage || std::find(chain.begin(), chain.end(), *stage) == chain.end()) continue;
    const Instruction& inst = ctx.dockerfile->instructions[b.instruction];
    for (size_t i = 0; i < inst.pairs.size(); ++i) {
      if (inst.pairs[i].span != b.span) continue;
      ImageEnv e;
      e.name = b.name;
      e.value = b.value;
      e.known = b.known;
      e.instruction = b.instruction;
      e.pair = i;
      e.stage = *stage;
      e.pair_span = b.span;
      e.value_span = inst.pairs[i].value.span.empty() ? b.span : inst.pairs[i].value.span;
      const StageModel& st = model.stages[*stage];
      e.where = fmt::format("ENV on line {}", inst.start_line + 1);
      if (!st.name.empty()) e.where += fmt::format(", stage '{}'", st.name);
      else if (model.stages.size() > 1) e.where += fmt::format(", stage {}", st.index);
      out.push_back(std::move(e));
    }
  }
  return out;
}

WorkloadImage runtime_image(const ImageModel& model) {
  WorkloadImage merged;
  bool first = true;
  for (size_t s : runtime_chain(model)) {
    WorkloadImage w = describe_stage(model, s, "");
    if (first) {
      merged = w;
      first = false;
      continue;
    }
    merged.pytorch = merged.pytorch || w.pytorch;
    if (!merged.cuda_frameworks && w.cuda_frameworks) merged.evidence = w.evidence;
    merged.cuda_frameworks = merged.cuda_frameworks || w.cuda_frameworks;
    merged.cuda = merged.cuda || w.cuda;
    if (merged.evidence.empty()) merged.evidence = w.evidence;
  }
  return merged;
}

std::vector<WorkloadEnv> workload_env(const ComposeModel& model) {
  std::vector<WorkloadEnv> out;
  for (const ComposeService& s : model.services)
    for (const EnvVar& v : s.environment)
      out.push_back({&v, fmt::format("service '{}'", s.name), &s.runs, s.requests_gpu()});
  for (const K8sPod& p : model.pods)
    for (const K8sContainer& c : p.containers)
      for (const EnvVar& v : c.env)
        out.push_back({&v, fmt::format("{}container '{}' of {}", c.init ? "init " : "", c.name, p.label()),
                       &c.runs, c.has_gpu_limit()});
  return out;
}

std::string file_name(const FileContext& ctx) { return ctx.source ? ctx.source->path() : std::string(); }

uint32_t value_start(const SourceFile& src, Span span) {
  std::string_view raw = src.slice(span);
  return span.begin + ((!raw.empty() && (raw.front() == '"' || raw.front() == '\'')) ? 1u : 0u);
}

Edit remove_env_pair(const SourceFile& src, const Instruction& inst, size_t pair) {
  if (inst.pairs.size() <= 1) {
    uint32_t begin = src.line_start(inst.start_line);
    uint32_t end = inst.end_line + 1 < src.line_count() ? src.line_start(inst.end_line + 1)
                                                       : static_cast<uint32_t>(src.text().size());
    return {Span{begin, end}, ""};
  }
  if (pair > 0) return {Span{inst.pairs[pair - 1].span.end, inst.pairs[pair].span.end}, ""};
  return {Span{inst.pairs[0].span.begin, inst.pairs[1].span.begin}, ""};
}

std::vector<std::string> split_list(std::string_view value) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos <= value.size()) {
    size_t comma = value.find(',', pos);
    std::string_view item = value.substr(pos, comma == std::string_view::npos ? std::string_view::npos : comma - pos);
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
    std::string lowered(item);
    for (char& c : lowered) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    if (!lowered.empty()) out.push_back(std::move(lowered));
    if (comma == std::string_view::npos) break;
    pos = comma + 1;
  }
  return out;
}

bool truthy(std::string_view v) {
  return v == "1" || v == "t" || v == "T" || v == "true" || v == "TRUE" || v == "True";
}

}  // namespace dockml::rules::gpu
