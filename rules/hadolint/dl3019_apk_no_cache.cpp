// DL3019 apk-no-cache: apk add without --no-cache
#include <string>
#include <string_view>
#include <vector>
#include <initializer_list>
#include "analyzer/engine/rule.h"
#include "rules/hadolint/run_facts.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3019",
    .name = "apk-no-cache",
    .severity = Severity::kInfo,
    .enabled_by_default = true,
    .fix = FixAvailability::kSometimes,
    .summary = "apk add without --no-cache",
    .doc = R"md(## What it does
Reports `apk add` without `--no-cache`. Not reported when the RUN mounts a cache or tmpfs on
`/var/cache/apk` (`RUN --mount=type=cache,target=/var/cache/apk`) or removes `/var/cache/apk`.

## Why it matters
The APKINDEX files downloaded by `apk add` stay in the layer (a few megabytes) unless the cache
is disabled, mounted or removed in the same RUN.

## Example
```dockerfile
FROM alpine:3.19
RUN apk add curl
```

## Use instead
```dockerfile
FROM alpine:3.19
RUN apk add --no-cache curl
```

## Fix safety
A safe fix inserts `--no-cache` after `add`.

## References
- hadolint 2.15 source, `src/Hadolint/Rule/DL3019.hs`
- Alpine wiki, apk: `--no-cache`
- hadolint rule DL3019: https://github.com/hadolint/hadolint/wiki/DL3019
)md",
};

// The word of the subcommand (`install`, `in`, `add`) of `cmd`, or nullptr.
const shell::ShellWord* subcommand_word(const shell::ShellCommand& cmd, std::initializer_list<std::string_view> names) {
  for (size_t i = 0; i < cmd.arg_count(); ++i)
    for (std::string_view n : names)
      if (cmd.arg(i).value == n) return &cmd.arg(i);
  return nullptr;
}

class ApkNoCache final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    const hl::RunFacts* rf = hl::run_facts(ctx, inst);
    if (rf == nullptr) return;
    const Instruction& run = *rf->run;
    (void)run;
    for (const SystemInstall& s : rf->facts->system) {
      if (!(s.at.tool == "apk") || !(s.subcommand == "add") || (s.no_cache) || (hl::cache_mount_covers(run, "/var/cache/apk") || hl::removes_dir(*rf->facts, "/var/cache/apk"))) continue;
      const shell::ShellCommand& cmd = rf->script->commands[s.at.command];
      const shell::ShellWord* w = subcommand_word(cmd, {"add"});
      Diagnostic& d = out.report(w != nullptr ? w->span : s.at.ref.span, "`apk add` without --no-cache keeps the package index in /var/cache/apk in the layer");
      (void)d;
      if (w != nullptr && w->span.size() == w->value.size())
        d.fix = Fix{Applicability::kSafe, "Add --no-cache", {Edit{Span{w->span.end, w->span.end}, " --no-cache"}}};
    }
  }
};

}  // namespace

RuleEntry dl3019_apk_no_cache() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<ApkNoCache>()); }};
}

}  // namespace dockml::rules
