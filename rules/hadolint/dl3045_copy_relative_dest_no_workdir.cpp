// DL3045 copy-relative-dest-no-workdir: COPY to a relative destination before any WORKDIR.
#include <optional>
#include <vector>

#include <fmt/format.h>

#include "analyzer/engine/rule.h"
#include "rules/hadolint/dl_common.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3045",
    .name = "copy-relative-dest-no-workdir",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "COPY to a relative destination without WORKDIR set",
    .doc = R"md(## What it does
Reports a `COPY` whose destination is relative while no `WORKDIR` was set in the stage. A
stage built `FROM` an earlier stage that set a WORKDIR (directly or through its own parent)
is fine, and so is `FROM scratch` (its working directory is `/`). Destinations starting with
a variable are not judged.

## Why it matters
The relative destination then depends on the base image's WORKDIR, which this file does not
control: a new base image version can move the files.

## Example
```dockerfile
FROM python:3.11-slim
COPY requirements.txt .
```

## Use instead
```dockerfile
FROM python:3.11-slim
WORKDIR /app
COPY requirements.txt .
```

## Fix safety
No fix: the intended directory is the author's choice.

## References
- hadolint DL3045: https://github.com/hadolint/hadolint/wiki/DL3045
)md",
};

bool is_absolute(const std::string& p) {
  if (p.empty()) return true;
  if (p[0] == '/' || p[0] == '$' || p[0] == '\\') return true;
  return p.size() >= 2 && p[1] == ':';
}

class CopyRelativeDestNoWorkdir final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    size_t idx = dl::index_of(ctx, inst);
    if (idx == kNoInstruction) return;
    if (inst.kind == InstructionKind::kFrom) {
      const BuildScope& scope = dl::scope_of(ctx, scope_);
      size_t s = workdir_.size();
      bool set = false;
      if (s < scope.stages().size()) {
        const StageInfo& st = scope.stages()[s];
        if (st.is_scratch) set = true;
        if (st.parent && *st.parent < workdir_.size() && workdir_[*st.parent]) set = true;
      }
      workdir_.push_back(set);
      return;
    }
    if (workdir_.empty()) return;
    if (inst.kind == InstructionKind::kWorkdir) {
      workdir_.back() = true;
      return;
    }
    if (inst.kind != InstructionKind::kCopy || inst.has_parse_error || inst.args.size() < 2 || workdir_.back())
      return;
    const Word& dest = inst.args.back();
    std::string d = dl::unquote(dest.text);
    if (is_absolute(d)) return;
    out.report(dest.span, fmt::format("COPY to the relative destination `{}` before any WORKDIR in this stage: "
                                      "where it lands depends on the base image's WORKDIR; set WORKDIR first "
                                      "or use an absolute path",
                                      d));
  }

 private:
  std::vector<bool> workdir_;  // per stage: a WORKDIR is known to be set
  std::optional<BuildScope> scope_;
};

}  // namespace

RuleEntry dl3045_copy_relative_dest_no_workdir() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<CopyRelativeDestNoWorkdir>()); }};
}

}  // namespace dockml::rules
