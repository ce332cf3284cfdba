// DL3066 non-numeric-user: The image runs as a user name, not a numeric uid
#include <fmt/format.h>
#include "analyzer/engine/rule.h"
#include "rules/hadolint/dl_common.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3066",
    .name = "non-numeric-user",
    .severity = Severity::kInfo,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "The image runs as a user name, not a numeric uid",
    .doc = R"md(## What it does
Reports the `USER` the final image runs as (the last USER of the final stage, or of the stage
it builds on) when its user part is a name (`USER app`, `USER app:app`) rather than a numeric
uid (as hadolint since PR #1239, only the last USER counts). `root` is left to DL3002, a
`$VARIABLE` whose value is not known is not judged, and Windows images (`nanoserver`,
`servercore`), whose users have no numeric ids, are skipped.

## Why it matters
Kubernetes' `runAsNonRoot` and many admission policies can only verify a numeric uid: a user
name has to be resolved through the image's `/etc/passwd`, so the pod is rejected or the check
is skipped.

## Example
```dockerfile
FROM python:3.12-slim
RUN useradd --uid 10001 app
USER app
```

## Use instead
```dockerfile
FROM python:3.12-slim
RUN useradd --uid 10001 app
USER 10001
```

## Fix safety
No fix is offered: the uid is only known from how the user was created.

## References
- hadolint 2.15 source, `src/Hadolint/Rule/DL3066.hs`; hadolint PR #1239 (last USER only)
- https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
)md",
};

class NonNumericUser final : public Rule {
 public:
  void finish(const FileContext& ctx, Reporter& out) override {
    if (ctx.dockerfile == nullptr) return;
    const BuildScope& scope = dl::scope_of(ctx, scope_);
    const auto& stages = scope.stages();
    if (stages.empty()) return;
    const auto& all = ctx.dockerfile->instructions;
    // Windows images (nanoserver, servercore) have user names (`ContainerUser`) and no uids.
    std::optional<size_t> root = stages.back().index;
    while (root && *root < stages.size() && stages[*root].parent) root = stages[*root].parent;
    if (root && *root < stages.size()) {
      std::string base = dl::lower(stages[*root].base);
      for (std::string_view w : {"nanoserver", "servercore", "windows"})
        if (base.find(w) != std::string::npos) return;
    }
    // The last USER on the final stage's FROM chain.
    for (std::optional<size_t> s = stages.back().index; s && *s < stages.size(); s = stages[*s].parent) {
      const StageInfo& st = stages[*s];
      for (size_t i = std::min(st.end, all.size()); i-- > st.begin;) {
        const Instruction& u = all[i];
        if (u.kind != InstructionKind::kUser || u.args.empty()) continue;
        std::string value = u.args[0].text;
        if (value.find('$') != std::string::npos) {
          auto lookup = scope.lookup_at(i);
          ExpandResult r = expand_word(value, lookup, ctx.dockerfile->escape);
          if (!r.ok() || !r.exact) return;
          value = r.value;
        }
        std::string user = value.substr(0, value.find(':'));
        bool numeric = !user.empty() && user.find_first_not_of("0123456789") == std::string::npos;
        if (numeric || user.empty() || user == "root") return;
        out.report(u.args[0].span, fmt::format("the image runs as user name `{}`: use its numeric uid so "
                                               "runAsNonRoot checks and hosts without this user can verify it",
                                               user));
        return;
      }
    }
  }

 private:
  std::optional<BuildScope> scope_;
};

}  // namespace

RuleEntry dl3066_non_numeric_user() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<NonNumericUser>()); }};
}

}  // namespace dockml::rules
