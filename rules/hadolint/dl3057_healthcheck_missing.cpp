// DL3057 healthcheck-missing: The image has no HEALTHCHECK
#include <fmt/format.h>
#include <vector>
#include "analyzer/engine/rule.h"
#include "rules/hadolint/dl_common.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3057",
    .name = "healthcheck-missing",
    .severity = Severity::kInfo,
    .enabled_by_default = false,
    .fix = FixAvailability::kNone,
    .summary = "The image has no HEALTHCHECK",
    .doc = R"md(## What it does
Off by default (as in hadolint). When selected, reports each image the file can produce (a
stage that no other stage builds on or copies from) when neither it nor a stage it builds
`FROM` has a `HEALTHCHECK` (`HEALTHCHECK NONE` counts as an explicit choice). Builder stages
(also when named through a variable, `FROM base-${TARGETARCH}`) and `FROM scratch` stages that
set no CMD or ENTRYPOINT (file exports for `--output`) are not reported.

## Why it matters
Without a health check, Docker and Swarm only know whether the process runs, not whether the
service (a model server that is still loading weights, a wedged worker) answers.

## Example
```dockerfile
FROM python:3.12-slim
CMD ["python", "-m", "http.server", "8000"]
```

## Use instead
```dockerfile
FROM python:3.12-slim
HEALTHCHECK CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://localhost:8000')"]
CMD ["python", "-m", "http.server", "8000"]
```

## Fix safety
No fix is offered.

## References
- hadolint 2.15 source, `src/Hadolint/Rule/DL3057.hs`
- https://docs.docker.com/reference/dockerfile/#healthcheck
)md",
};

class HealthcheckMissing final : public Rule {
 public:
  void finish(const FileContext& ctx, Reporter& out) override {
    if (ctx.dockerfile == nullptr) return;
    const BuildScope& scope = dl::scope_of(ctx, scope_);
    const auto& stages = scope.stages();
    const auto& all = ctx.dockerfile->instructions;
    std::vector<bool> used(stages.size(), false), has(stages.size(), false), runs(stages.size(), false);
    // A FROM or COPY --from naming a stage through a variable (`base-${TARGETARCH}`) may use any
    // stage whose name fits.
    auto use = [&](std::string_view raw) {
      if (raw.find('$') == std::string_view::npos) return;
      for (const StageInfo& other : stages)
        if (!other.name.empty() && dl::may_name_stage(raw, other.name)) used[other.index] = true;
    };
    for (const StageInfo& st : stages) {
      if (st.parent && *st.parent < stages.size()) used[*st.parent] = true;
      use(st.base_raw);
      for (size_t i = st.begin; i < st.end && i < all.size(); ++i) {
        InstructionKind k = all[i].kind;
        if (k == InstructionKind::kHealthcheck) has[st.index] = true;
        if (k == InstructionKind::kCmd || k == InstructionKind::kEntrypoint) runs[st.index] = true;
        const Flag* from = k == InstructionKind::kCopy ? all[i].find_flag("from") : nullptr;
        if (from == nullptr) continue;
        use(from->value);
        if (auto src = scope.find_stage(from->value, i); src && *src < stages.size()) used[*src] = true;
      }
    }
    for (const StageInfo& st : stages) {
      if (used[st.index]) continue;
      bool ok = false, service = false;
      std::optional<size_t> s = st.index;
      for (; s && *s < stages.size() && !ok; s = stages[*s].parent) {
        ok = has[*s];
        service = service || runs[*s];
        if (!stages[*s].parent) break;
      }
      // A scratch stage that runs nothing is a file export (`--output`), not a service.
      if (ok || (s && *s < stages.size() && stages[*s].is_scratch && !service)) continue;
      std::string image = st.name.empty() ? fmt::format("the image built FROM `{}` (stage {})", st.base_raw, st.index)
                                          : fmt::format("the image of stage `{}`", st.name);
      out.report(st.base_span, fmt::format("{} has no HEALTHCHECK: Docker only knows whether its process runs, "
                                           "not whether the service answers",
                                           image));
    }
  }

 private:
  std::optional<BuildScope> scope_;
};

}  // namespace

RuleEntry dl3057_healthcheck_missing() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<HealthcheckMissing>()); }};
}

}  // namespace dockml::rules
