// DL3042 pip-no-cache-dir: pip install without --no-cache-dir
#include <string>
#include <string_view>
#include <vector>
#include "rules/hadolint/shipped_stages.h"
#include "analyzer/engine/rule.h"
#include "rules/hadolint/run_facts.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3042",
    .name = "pip-no-cache-dir",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kSometimes,
    .summary = "pip install without --no-cache-dir",
    .doc = R"md(## What it does
Reports `pip install` (`pip3`, `python -m pip`) without `--no-cache-dir`. Not reported when
`PIP_NO_CACHE_DIR` is set (ENV or ARG in the stage, or as a prefix of the command), or when the
RUN mounts a cache or tmpfs on pip's cache (`--mount=type=cache,target=/root/.cache/pip`, any
`~/.cache/pip`, or the `PIP_CACHE_DIR` set by ENV): then the wheels never reach the layer.
`uv pip` and pipx have their own caches and are not reported. Only stages whose layers are shipped are checked: the final stage and every stage that another
stage builds `FROM`; a cache left in a builder stage that is only `COPY --from`'d never reaches an
image.

## Why it matters
pip keeps every downloaded wheel in ~/.cache/pip: for ML stacks (torch, CUDA wheels) that is
gigabytes of dead weight in the layer.

## Example
```dockerfile
FROM python:3.11-slim
RUN pip install torch==2.3.1
```

## Use instead
```dockerfile
FROM python:3.11-slim
RUN pip install --no-cache-dir torch==2.3.1

# or, with BuildKit, keep the cache between builds but out of the image:
RUN --mount=type=cache,target=/root/.cache/pip pip install torch==2.3.1
```

## Fix safety
A safe fix inserts `--no-cache-dir` after `install`: it only disables pip's download cache.

## References
- hadolint 2.15 source, `src/Hadolint/Rule/DL3042.hs`
- hadolint issues #497, #983 (cache mounts)
- pip documentation, Caching; environment variables
- hadolint rule DL3042: https://github.com/hadolint/hadolint/wiki/DL3042
)md",
};

class PipNoCacheDir final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    stages_.visit(inst);
    track(inst);
    const hl::RunFacts* rf = hl::run_facts(ctx, inst);
    if (rf == nullptr) return;
    const Instruction& run = *rf->run;
    const InstallFacts& facts = *rf->facts;
    for (const PipInstall& p : facts.pip) {
      if (p.subcommand != "install" || p.options.no_cache_dir || p.at.tool.starts_with("uv") || p.at.tool == "pipx") continue;
      if (no_cache_env_ || hl::cache_mount_covers(run, "/root/.cache/pip") ||
          (!cache_dir_.empty() && hl::cache_mount_covers(run, cache_dir_)))
        return;
      const shell::ShellCommand& cmd = rf->script->commands[p.at.command];
      // `PIP_NO_CACHE_DIR=1 pip install`, `env PIP_NO_CACHE_DIR=1 pip ...`, `export PIP_NO_CACHE_DIR=1 && pip ...`
      if (rf->script->env_word(cmd, "PIP_NO_CACHE_DIR")) continue;
      const shell::ShellWord* w = hl::find_arg(cmd, "install");
      std::optional<Fix> fix;
      if (w != nullptr && w->span.size() == w->value.size())
        fix = Fix{Applicability::kSafe, "Add --no-cache-dir", {Edit{Span{w->span.end, w->span.end}, " --no-cache-dir"}}};
      stages_.defer(w != nullptr ? w->span : p.at.ref.span,
                    "`" + p.at.tool + " install` keeps downloaded wheels in ~/.cache/pip in the layer; add --no-cache-dir", std::move(fix));
    }
  }
  void finish(const FileContext& ctx, Reporter& out) override { stages_.flush(out); }

 private:
  hl::ShippedStages stages_;
  bool no_cache_env_ = false;
  std::string cache_dir_;
  void track(const Instruction& inst) {
    if (inst.kind == InstructionKind::kFrom) {
      no_cache_env_ = false;
      cache_dir_.clear();
    }
    if (inst.kind != InstructionKind::kEnv && inst.kind != InstructionKind::kArg) return;
    for (const KeyValue& kv : inst.pairs) {
      std::string value = kv.value.text;
      if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front())
        value = value.substr(1, value.size() - 2);
      if (kv.key.text == "PIP_NO_CACHE_DIR" && !value.empty()) no_cache_env_ = true;
      if (kv.key.text == "PIP_CACHE_DIR" && !value.empty()) cache_dir_ = value;
    }
  }
};

}  // namespace

RuleEntry dl3042_pip_no_cache_dir() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<PipNoCacheDir>()); }};
}

}  // namespace dockml::rules
