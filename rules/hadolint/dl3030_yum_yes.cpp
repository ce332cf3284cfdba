// DL3030 yum-yes: yum install without -y
#include <string>
#include <string_view>
#include <vector>
#include <initializer_list>
#include "analyzer/engine/rule.h"
#include "rules/hadolint/run_facts.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3030",
    .name = "yum-yes",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kSometimes,
    .summary = "yum install without -y",
    .doc = R"md(## What it does
Reports `yum install` (also `groupinstall`, `localinstall`) without `-y` / `--assumeyes`.

## Why it matters
Without a terminal, yum's confirmation prompt aborts the build.

## Example
```dockerfile
FROM centos:7
RUN yum install httpd-2.4.6 && yum clean all
```

## Use instead
```dockerfile
FROM centos:7
RUN yum install -y httpd-2.4.6 && yum clean all
```

## Fix safety
A safe fix inserts `-y` after the subcommand.

## References
- hadolint 2.15 source, `src/Hadolint/Rule/DL3030.hs`
- yum(8): `-y`, `--assumeyes`
- hadolint rule DL3030: https://github.com/hadolint/hadolint/wiki/DL3030
)md",
};

// The word of the subcommand (`install`, `in`, `add`) of `cmd`, or nullptr.
const shell::ShellWord* subcommand_word(const shell::ShellCommand& cmd, std::initializer_list<std::string_view> names) {
  for (size_t i = 0; i < cmd.arg_count(); ++i)
    for (std::string_view n : names)
      if (cmd.arg(i).value == n) return &cmd.arg(i);
  return nullptr;
}

class YumYes final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    const hl::RunFacts* rf = hl::run_facts(ctx, inst);
    if (rf == nullptr) return;
    const Instruction& run = *rf->run;
    (void)run;
    for (const SystemInstall& s : rf->facts->system) {
      if (!(s.at.tool == "yum") || !(s.subcommand == "install" || s.subcommand == "groupinstall" || s.subcommand == "localinstall") || (s.yes) || (false)) continue;
      const shell::ShellCommand& cmd = rf->script->commands[s.at.command];
      const shell::ShellWord* w = subcommand_word(cmd, {"install", "groupinstall", "localinstall"});
      Diagnostic& d = out.report(w != nullptr ? w->span : s.at.ref.span, "`yum " + s.subcommand + "` without -y asks for confirmation and aborts the build");
      (void)d;
      if (w != nullptr && w->span.size() == w->value.size())
        d.fix = Fix{Applicability::kSafe, "Add -y", {Edit{Span{w->span.end, w->span.end}, " -y"}}};
    }
  }
};

}  // namespace

RuleEntry dl3030_yum_yes() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<YumYes>()); }};
}

}  // namespace dockml::rules
