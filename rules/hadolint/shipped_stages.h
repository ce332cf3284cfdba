// Cleanup rules (DL3009, DL3032, DL3036, DL3040, DL3042, DL3060) only matter in stages whose
// layers end up in an image: the final stage and every stage another stage builds FROM. A
// package cache left in a builder stage that is only COPY --from'd is never shipped, so those
// findings are deferred until finish() and dropped for such stages.
#pragma once

#include <cctype>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "analyzer/engine/rule.h"

namespace dockml::rules::hl {

class ShippedStages {
 public:
  struct Finding {
    int stage;
    Span span;
    std::string message;
    std::optional<Fix> fix;
  };

  // Call for every instruction (tracks FROM).
  void visit(const Instruction& inst) {
    if (inst.kind != InstructionKind::kFrom) return;
    ++stage_;
    if (!inst.args.empty()) {
      std::string base = lower(inst.args[0].text);
      for (size_t i = 0; i < names_.size(); ++i)
        if (names_[i] == base) used_as_base_.insert(static_cast<int>(i));
    }
    names_.push_back(inst.args.size() >= 3 && lower(inst.args[1].text) == "as" ? lower(inst.args[2].text) : "");
  }
  int stage() const { return stage_; }
  // The base image word of the current stage ("" before any FROM).
  void defer(Span span, std::string message, std::optional<Fix> fix = std::nullopt) {
    findings_.push_back({stage_, span, std::move(message), std::move(fix)});
  }
  // Reports the findings of shipped stages.
  void flush(Reporter& out) {
    int final_stage = stage_;
    for (Finding& f : findings_) {
      if (f.stage != final_stage && f.stage >= 0 && !used_as_base_.count(f.stage)) continue;
      Diagnostic& d = out.report(f.span, std::move(f.message));
      if (f.fix) d.fix = std::move(f.fix);
    }
    findings_.clear();
  }

 private:
  static std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  }
  int stage_ = -1;
  std::vector<std::string> names_;
  std::set<int> used_as_base_;
  std::vector<Finding> findings_;
};

}  // namespace dockml::rules::hl
