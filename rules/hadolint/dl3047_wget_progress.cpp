// DL3047 wget-progress: wget without --progress fills the build log
#include <string>
#include <string_view>
#include <vector>
#include "analyzer/engine/rule.h"
#include "rules/hadolint/run_facts.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3047",
    .name = "wget-progress",
    .severity = Severity::kInfo,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "wget without --progress fills the build log",
    .doc = R"md(## What it does
Reports `wget` commands that neither set `--progress=...` nor are quiet (`-q`, `--quiet`, `-nv`,
`--no-verbose`) nor log to a file (`-o`/`--output-file`, `-a`/`--append-output`).

## Why it matters
Without a terminal wget prints a progress line per few kilobytes: a large download adds
thousands of lines to the build log and slows log-streaming CI.

## Example
```dockerfile
FROM debian:12
RUN wget https://example.com/model.tar.gz
```

## Use instead
```dockerfile
FROM debian:12
RUN wget --progress=dot:giga https://example.com/model.tar.gz
```

## Fix safety
No fix is offered: whether to keep some progress output is the author's choice.

## References
- hadolint 2.15 source, `src/Hadolint/Rule/DL3047.hs`
- GNU Wget manual, `--progress`
- hadolint rule DL3047: https://github.com/hadolint/hadolint/wiki/DL3047
)md",
};

// Short wget options that take a value: the rest of a bundle is that value.
constexpr std::string_view kValueFlags = "oOaeiBtTwQPUlARDIXY";

class WgetProgress final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    const hl::RunFacts* rf = hl::run_facts(ctx, inst);
    if (rf == nullptr) return;
    for (const shell::ShellCommand& cmd : rf->script->commands) {
      if (cmd.name() != "wget") continue;
      bool ok = false;
      for (size_t i = 0; i < cmd.arg_count() && !ok; ++i) {
        std::string_view v = cmd.arg(i).value;
        if (v.starts_with("--progress") || v == "--quiet" || v == "--no-verbose" || v == "-nv" ||
            v.starts_with("--output-file") || v.starts_with("--append-output")) {
          ok = true;
        } else if (v.size() > 1 && v[0] == '-' && v[1] != '-') {
          for (size_t k = 1; k < v.size(); ++k) {
            if (v[k] == 'q' || v[k] == 'o' || v[k] == 'a') { ok = true; break; }
            if (kValueFlags.find(v[k]) != std::string_view::npos) break;
          }
        }
      }
      if (!ok) out.report(cmd.argv[cmd.program].span, "wget without --progress prints a progress line every few kilobytes into the build log");
    }
  }
};

}  // namespace

RuleEntry dl3047_wget_progress() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<WgetProgress>()); }};
}

}  // namespace dockml::rules
