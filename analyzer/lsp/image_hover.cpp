#include "analyzer/lsp/image_hover.h"

#include <algorithm>
#include <map>
#include <set>

#include "analyzer/dockerfile/expand.h"
#include "analyzer/image/image_facts.h"
#include "analyzer/image/image_ref.h"

namespace dockml::lsp {

namespace {

// Global ARGs (before the first FROM) with --build-arg overrides.
class GlobalArgs : public VarLookup {
 public:
  GlobalArgs(const Dockerfile& df, const LintOptions& options) {
    for (const Instruction& inst : df.instructions) {
      if (inst.kind == InstructionKind::kFrom) break;
      if (inst.kind != InstructionKind::kArg) continue;
      for (const KeyValue& kv : inst.pairs) {
        const std::string& name = kv.key.text;
        if (auto it = options.build_args.find(name); it != options.build_args.end()) {
          values_[name] = it->second;
        } else if (kv.has_equals) {
          values_[name] = expand_word(kv.value.text, *this, df.escape).value;
        } else {
          values_.erase(name);
          unknown_.insert(name);
        }
      }
    }
  }
  VarValue get(std::string_view name) const override {
    if (auto it = values_.find(std::string(name)); it != values_.end()) return VarValue::set(it->second);
    if (unknown_.count(std::string(name))) return VarValue::unknown();
    return VarValue::unset();
  }

 private:
  std::map<std::string, std::string> values_;
  std::set<std::string> unknown_;
};

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

void add_sources(std::set<std::string>& out, const Provenance& p) {
  out.insert(p.sources.begin(), p.sources.end());
}

}  // namespace

std::optional<std::string> from_hover_markdown(const Dockerfile& df, uint32_t offset,
                                               const LintOptions& options,
                                               const KnowledgeBase& kb) {
  const Instruction* from = nullptr;
  std::set<std::string> stages;
  for (const Instruction& inst : df.instructions) {
    if (inst.kind != InstructionKind::kFrom) continue;
    if (offset >= inst.span.begin && offset <= inst.span.end) {
      from = &inst;
      break;
    }
    if (inst.args.size() >= 3) stages.insert(lower(inst.args[2].text));
  }
  if (!from || from->args.empty()) return std::nullopt;
  const std::string& written = from->args[0].text;
  GlobalArgs args(df, options);
  ExpandResult expanded = expand_word(written, args, df.escape);
  std::string image = expanded.ok() ? expanded.value : written;
  if (stages.count(lower(image))) {
    return "**" + image + "**: an earlier build stage of this Dockerfile";
  }
  const Flag* platform = from->find_flag("platform");
  ImageRefResult parsed = parse_image_ref(image, platform ? platform->value : "");
  if (!parsed.ref) return "**" + image + "**: " + parsed.error;
  ImageFacts facts = classify_image(*parsed.ref, kb);
  if (facts.family == ImageFamily::kUnresolved || !expanded.exact) {
    return "**" + written + "**: the image depends on build arguments of unknown value "
           "(set them with `--build-arg` in `dockml.args`)";
  }
  std::set<std::string> sources;
  add_sources(sources, facts.family_from);
  std::string md = "**" + facts.ref.familiar() + "**";
  if (facts.family == ImageFamily::kUnknown) {
    return md + "\n\nNot in dockml's knowledge base: no CUDA, Python or OS facts are known.";
  }
  md += " (" + std::string(image_family_name(facts.family)) + ")\n\n| | |\n|---|---|\n";
  auto row = [&](std::string_view name, const std::string& value) {
    md += "| " + std::string(name) + " | " + value + " |\n";
  };
  if (facts.cuda) {
    row("CUDA", facts.cuda->value.str());
    add_sources(sources, facts.cuda->from);
  } else {
    row("CUDA", "none");
  }
  if (facts.cudnn) {
    row("cuDNN", facts.cudnn->value.str());
    add_sources(sources, facts.cudnn->from);
  } else if (facts.cudnn_major) {
    row("cuDNN", std::to_string(facts.cudnn_major->value));
    add_sources(sources, facts.cudnn_major->from);
  }
  if (!facts.flavor.empty()) {
    std::string flavor = facts.flavor;
    if (facts.nvcc) {
      flavor += facts.nvcc->value ? " (nvcc included)" : " (no nvcc: cannot compile CUDA code)";
      add_sources(sources, facts.nvcc->from);
    }
    row("Flavor", flavor);
  }
  if (facts.python) {
    row("Python", facts.python->value.str());
    add_sources(sources, facts.python->from);
  } else if (facts.os_default_python) {
    row("Python", facts.os_default_python->value.str() + " (the OS's python3 package, when installed)");
    add_sources(sources, facts.os_default_python->from);
  }
  if (facts.os) {
    row("OS", facts.os->value + (facts.os_version ? " " + facts.os_version->value : ""));
    add_sources(sources, facts.os->from);
  }
  if (facts.torch) row("PyTorch", facts.torch->value.str());
  if (facts.tensorflow) row("TensorFlow", facts.tensorflow->value.str());
  if (facts.cuda) {
    if (auto driver = kb.cuda_min_driver(facts.cuda->value)) {
      std::string value = ">= " + driver->linux_driver.str() + " (CUDA " + driver->toolkit.str() +
                          (driver->label.empty() ? "" : " " + driver->label) + ")";
      if (auto floor = kb.cuda_minor_compat_floor(facts.cuda->value)) {
        value += "; >= " + floor->linux_floor.str() + " with minor-version compatibility";
        add_sources(sources, floor->from);
      }
      row("Minimum driver", value);
      add_sources(sources, driver->from);
    }
  }
  if (facts.cuda_tag && facts.cuda_tag->status != TagStatus::kValid && !facts.cuda_tag->reason.empty()) {
    md += "\nTag: " + facts.cuda_tag->reason + "\n";
  }
  if (!sources.empty()) {
    md += "\nSources:";
    for (const std::string& s : sources) md += " `" + s + "`";
    md += "\n";
  }
  return md;
}

}  // namespace dockml::lsp
