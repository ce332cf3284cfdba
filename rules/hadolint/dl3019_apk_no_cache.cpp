// DL3019 apk-no-cache: apk add without --no-cache
#include <string>
#include <string_view>
#include <vector>
#include <initializer_list>
#include "analyzer/engine/rule.h"
#include "rules/hadolint/missing_flag.h"
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

// A cache mount on /var/cache/apk, or removing it in the same RUN, keeps it out of the layer too.
bool apk_cache_handled(const hl::RunFacts& rf) {
  return hl::cache_mount_covers(*rf.run, "/var/cache/apk") || hl::removes_dir(*rf.facts, "/var/cache/apk");
}

const hl::MissingFlagPolicy kPolicy{
    .tools = {"apk"},
    .subcommands = {"add"},
    .present = &SystemInstall::no_cache,
    .flag = "--no-cache",
    .problem = "keeps the package index in /var/cache/apk in the layer",
    .exempt = apk_cache_handled,
};

class ApkNoCache final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    hl::check_missing_flag(ctx, inst, out, kPolicy);
  }
};

}  // namespace

RuleEntry dl3019_apk_no_cache() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<ApkNoCache>()); }};
}

}  // namespace dockml::rules
