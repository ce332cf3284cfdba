// BK010 workdir-relative-path (BuildKit WorkdirRelativePath): a relative WORKDIR before any
// absolute one in the stage (or the stages it is built on).
#include <map>
#include <optional>
#include <string>

#include "analyzer/dockerfile/expand.h"
#include "analyzer/engine/rule.h"
#include "rules/buildkit/bk_util.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "BK010",
    .name = "workdir-relative-path",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kSometimes,
    .summary = "Relative WORKDIR without an absolute WORKDIR declared within the build",
    .doc = R"md(## What it does
Reports a `WORKDIR` whose path (after expanding ARG/ENV values) is relative while no absolute
`WORKDIR` was set earlier in the stage or in the stage it is built on (BuildKit's
`WorkdirRelativePath` check). Paths whose value depends on an unknown variable are not
reported.

## Why it matters
A relative `WORKDIR` is resolved against the base image's working directory, which the
Dockerfile does not control: a new base image version can silently move the application.

## Example
```dockerfile
FROM python:3.11-slim
WORKDIR app
```

## Use instead
```dockerfile
FROM python:3.11-slim
WORKDIR /app
```

## Fix safety
Unsafe: `/app` is what most authors mean, and the same directory when the base image keeps
the default working directory `/`, but the base image's working directory may be something
else (`/workspace` on NGC images), and then the fix moves the files.

## References
- https://docs.docker.com/reference/build-checks/workdir-relative-path/
- https://docs.docker.com/reference/dockerfile/#workdir
)md",
    .alias = "WorkdirRelativePath",
};

bool is_absolute(std::string_view p) {
  if (p.starts_with('/') || p.starts_with('\\')) return true;
  return p.size() >= 2 && p[1] == ':' && ((p[0] >= 'a' && p[0] <= 'z') || (p[0] >= 'A' && p[0] <= 'Z'));
}

class WorkdirRelativePath final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    size_t idx = bk::index_of(ctx, inst);
    if (idx == bk::kNoIndex) return;
    const BuildScope& scope = bk::scope_of(ctx, scope_);
    std::optional<size_t> stage = scope.stage_of(idx);
    if (!stage) return;
    if (inst.kind == InstructionKind::kFrom) {
      const StageInfo& info = scope.stages()[*stage];
      absolute_[*stage] = info.parent && absolute_[*info.parent];
      return;
    }
    if (inst.kind != InstructionKind::kWorkdir || inst.args.empty()) return;
    const Word& path = inst.args.front();
    ExpandResult r = expand_word(path.text, scope.lookup_at(idx), ctx.dockerfile->escape);
    if (!r.ok()) return;
    if (is_absolute(r.value)) {
      absolute_[*stage] = true;
      return;
    }
    if (absolute_[*stage] || !r.exact || r.value.empty()) return;
    std::string shown = r.value == path.text ? "'" + path.text + "'" : "'" + path.text + "' ('" + r.value + "')";
    Diagnostic& d = out.report(path.span, "Relative workdir " + shown +
                                              " can have unexpected results if the base image changes");
    d.notes.push_back("no absolute WORKDIR is set before it in this stage");
    if (bk::word_is_verbatim(ctx, path)) {
      d.fix = Fix{Applicability::kUnsafe, "Use the absolute path '/" + path.text + "'",
                  {{Span{path.span.begin, path.span.begin}, "/"}}};
    }
  }

 private:
  std::optional<BuildScope> scope_;
  std::map<size_t, bool> absolute_;
};

}  // namespace

RuleEntry bk010_workdir_relative_path() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<WorkdirRelativePath>()); }};
}

}  // namespace dockml::rules
