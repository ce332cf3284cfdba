// DL3002 last-user-root: the final stage's last USER is root.
#include <optional>
#include <vector>

#include <fmt/format.h>

#include "analyzer/engine/rule.h"
#include "rules/hadolint/dl_common.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3002",
    .name = "last-user-root",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "Last USER should not be root",
    .doc = R"md(## What it does
Reports the last `USER` of the image when it switches to root (`root`, `0`, `root:<group>`,
`0:<gid>`). Only the final stage (the default build target) is judged; when it is built
`FROM` an earlier stage without a USER of its own, that stage's last USER counts. Builder
stages that run as root are not reported.

## Why it matters
A container that runs as root gives any process that escapes the application full control of
the container and a much easier path to the host.

## Example
```dockerfile
FROM python:3.11-slim
RUN useradd -m app
USER app
RUN pip install --user flask
USER root
```

## Use instead
```dockerfile
FROM python:3.11-slim
RUN useradd -m app
USER app
```

## Fix safety
No fix: which user the application should run as is the author's choice.

## References
- hadolint DL3002: https://github.com/hadolint/hadolint/wiki/DL3002
- hadolint issues #405, #1068, #1014 (false positives on builder stages)
)md",
};

bool is_root(std::string user) {
  user = dl::unquote(user);
  std::string name = user.substr(0, user.find(':'));
  return name == "root" || name == "0";
}

class LastUserRoot final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter&) override {
    size_t idx = dl::index_of(ctx, inst);
    if (idx == kNoInstruction) return;
    if (inst.kind == InstructionKind::kFrom) last_user_.push_back(kNoInstruction);
    if (inst.kind == InstructionKind::kUser && !inst.args.empty() && !last_user_.empty())
      last_user_.back() = idx;
  }

  void finish(const FileContext& ctx, Reporter& out) override {
    if (ctx.dockerfile == nullptr) return;
    const BuildScope& scope = dl::scope_of(ctx, scope_);
    const auto& stages = scope.stages();
    if (stages.empty() || stages.size() != last_user_.size()) return;
    std::optional<size_t> s = stages.size() - 1;
    while (s && last_user_[*s] == kNoInstruction) s = stages[*s].parent;
    if (!s) return;
    const Instruction& user = ctx.dockerfile->instructions[last_user_[*s]];
    if (!is_root(user.args[0].text)) return;
    std::string msg = *s + 1 == stages.size()
        ? fmt::format("the image's last USER is `{}`: the container runs as root", user.args[0].text)
        : fmt::format("the image's last USER is `{}` (inherited by the final stage from stage `{}`): the "
                      "container runs as root",
                      user.args[0].text, stages[*s].name.empty() ? std::to_string(*s) : stages[*s].name);
    out.report(user.args[0].span, std::move(msg));
  }

 private:
  std::vector<size_t> last_user_;  // per stage: index of its last USER
  std::optional<BuildScope> scope_;
};

}  // namespace

RuleEntry dl3002_last_user_root() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<LastUserRoot>()); }};
}

}  // namespace dockml::rules
