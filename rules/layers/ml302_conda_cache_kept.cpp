// ML302 conda-cache-kept: a conda/mamba/micromamba install whose RUN neither cleans the package
// cache (`conda clean -afy`) nor mounts a cache on the pkgs dir, so the tarballs stay in the layer.
#include <string>
#include <string_view>

#include "analyzer/engine/rule.h"
#include "analyzer/model/image_model.h"
#include "rules/hadolint/run_facts.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "ML302",
    .name = "conda-cache-kept",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kSometimes,
    .summary = "conda/mamba install without `conda clean -afy` in the same RUN keeps the package cache in the layer",
    .doc = R"md(## What it does
Reports a `conda`, `mamba` or `micromamba` command that installs packages (`install`,
`create`, `update`, `env create`, `env update`) in a RUN that does not also clean the package
cache: `conda clean` with `-a`/`--all`, `-t`/`--tarballs` or `-p`/`--packages` (also combined
short flags such as `-afy` or `-tipsy`), or `rm -rf` of a `pkgs` directory. Not reported when
the RUN mounts a cache or tmpfs on the package cache (`--mount=type=cache,target=/opt/conda/pkgs`,
any target ending in `/pkgs`, or the `CONDA_PKGS_DIRS` set by ENV/ARG): then the tarballs never
reach the layer.

## Why it matters
conda keeps every downloaded tarball and its extracted copy in `<prefix>/pkgs`. For an ML
stack (pytorch, cudatoolkit, cudnn, mkl) that is several gigabytes of dead weight in the
layer. A `conda clean` in a later RUN does not help: the earlier layer still holds the files.

## Example
```dockerfile
RUN conda install -y -c pytorch -c nvidia pytorch pytorch-cuda=12.1
```

## Use instead
```dockerfile
RUN conda install -y -c pytorch -c nvidia pytorch pytorch-cuda=12.1 && \
    conda clean -afy

# or, with BuildKit, keep the cache between builds but out of the image:
RUN --mount=type=cache,target=/opt/conda/pkgs conda install -y pytorch
```

## Fix safety
A safe fix appends `&& conda clean -afy` (with the same conda/mamba/micromamba executable;
`micromamba clean --all --yes` for micromamba) at the end of the RUN, following its layout:
`&& \` line breaks and the indentation of the continued lines are kept. It only removes
caches. No fix is offered for exec-form or heredoc RUNs, or when the RUN ends with `;`, `&`
or `|`.

## References
- conda documentation, `conda clean` (`--all`, `--force-pkgs-dirs`); package cache (`pkgs_dirs`,
  `CONDA_PKGS_DIRS`)
- continuumio/miniconda3 and condaforge/miniforge3 Dockerfiles (`conda clean -afy` after installs)
- Docker documentation, RUN --mount=type=cache
)md",
};

bool is_conda_tool(std::string_view tool) {
  return tool == "conda" || tool == "mamba" || tool == "micromamba";
}

// `conda clean` flags that remove the package cache.
bool cleans_pkgs(const CacheClean& c) {
  if (!is_conda_tool(c.at.tool)) return false;
  if (c.what == "all") return true;
  for (const std::string& f : c.flags) {
    if (f == "--all" || f == "--tarballs" || f == "--packages" || f == "--force-pkgs-dirs") return true;
    if (f.size() >= 2 && f[0] == '-' && f[1] != '-' && f.find_first_of("atpf", 1) != std::string::npos) return true;
  }
  return false;
}

bool is_pkgs_path(std::string_view p) {
  while (p.ends_with('*') || p.ends_with('/')) p.remove_suffix(1);
  return p.ends_with("/pkgs") || p == "pkgs";
}

class CondaCacheKept final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    if (inst.kind == InstructionKind::kFrom) pkgs_dirs_.clear();
    if (inst.kind == InstructionKind::kEnv || inst.kind == InstructionKind::kArg) track(inst);
    const hl::RunFacts* rf = hl::run_facts(ctx, inst);
    if (rf == nullptr) return;
    const InstallFacts& facts = *rf->facts;
    const CondaInstall* first = nullptr;
    for (const CondaInstall& c : facts.conda) {
      if (c.subcommand == "remove" || c.subcommand == "uninstall") continue;
      first = &c;
      break;
    }
    if (first == nullptr) return;
    for (const CacheClean& c : facts.cache_cleans)
      if (cleans_pkgs(c)) return;
    for (const RemovedPath& r : facts.removed_paths)
      if (is_pkgs_path(r.path)) return;
    const Instruction& run = *rf->run;
    for (const hl::Mount& m : hl::mounts(run)) {
      if (m.type != "cache" && m.type != "tmpfs") continue;
      if (is_pkgs_path(m.target) || (!pkgs_dirs_.empty() && hl::cache_mount_covers(run, pkgs_dirs_))) return;
    }
    if (hl::cache_mount_covers(run, "/opt/conda/pkgs")) return;

    const shell::ShellCommand& cmd = rf->script->commands[first->at.command];
    const shell::ShellWord& exe = cmd.argv[cmd.program];
    Span span = first->at.ref.span;
    std::string sub_last = first->subcommand.substr(first->subcommand.rfind(' ') + 1);
    if (const shell::ShellWord* w = hl::find_arg(cmd, sub_last)) span = Span{exe.span.begin, w->span.end};
    std::string tool = first->at.tool;
    Diagnostic& d = out.report(
        span, "`" + tool + " " + first->subcommand + "` keeps the downloaded packages in the conda package cache (pkgs) " +
                  "of this layer; run `" + tool + " clean` in the same RUN or mount a cache on the pkgs dir");
    std::string clean = tool == "micromamba" ? "clean --all --yes" : "clean -afy";
    std::string exe_text = exe.is_static && exe.raw == exe.value ? exe.raw : tool;
    if (std::optional<Edit> e = hl::append_command(ctx, run, exe_text + " " + clean))
      d.fix = Fix{Applicability::kSafe, "Append `" + exe_text + " " + clean + "` to the RUN", {*e}};
  }

 private:
  std::string pkgs_dirs_;  // CONDA_PKGS_DIRS of the current stage
  void track(const Instruction& inst) {
    for (const KeyValue& kv : inst.pairs) {
      if (kv.key.text != "CONDA_PKGS_DIRS") continue;
      std::string v = kv.value.text;
      if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front()) v = v.substr(1, v.size() - 2);
      pkgs_dirs_ = v.substr(0, v.find(','));
    }
  }
};

}  // namespace

RuleEntry ml302_conda_cache_kept() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<CondaCacheKept>()); }};
}

}  // namespace dockml::rules
