// ML304 dependency-layer-order: the whole build context is copied (`COPY . ...`) before the
// stage installs its dependencies, so every code change reinstalls them.
#include <optional>
#include <string>
#include <string_view>

#include "analyzer/engine/rule.h"
#include "analyzer/model/image_model.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "ML304",
    .name = "dependency-layer-order",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "the whole build context is copied before dependencies are installed, so every code change reinstalls them",
    .doc = R"md(## What it does
Reports a `COPY`/`ADD` of the whole build context (`.`, `./`) that comes before the
stage's first dependency install that uses the copied files: `pip install -r FILE` (also
`uv pip`), `pip install .` or any local project path, `conda install --file` / `conda env
create|update -f`, `uv sync`, `poetry install`, `pipenv install|sync` and `pdm install|sync`.
Files and paths count when they are relative or lie under the copy's absolute destination;
prebuilt `*.whl` files, URLs and other absolute paths are not the copied code. Installs with `--no-deps` are
not dependency installs. Not reported when the stage already installed dependencies before
the whole-context copy (the usual "copy requirements.txt, install, then copy the code"
layout followed by `pip install -e .`).

## Why it matters
Docker reuses a layer only when everything it depends on is unchanged. After `COPY . .`
any edit to any file in the context invalidates the copy and every later layer, so the
dependency install runs again on every code change: for ML stacks (torch, CUDA wheels,
conda environments) that is minutes of download and gigabytes of new layers per build.

## Example
```dockerfile
WORKDIR /app
COPY . .
RUN pip install --no-cache-dir -r requirements.txt
```

## Use instead
```dockerfile
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
```

## Fix safety
No fix is offered: which files the install needs (requirement files, `pyproject.toml`,
`environment.yml`, lock files) is for the user to decide.

## References
- Docker documentation, Optimize cache usage in builds ("Order your layers")
- pip documentation, Requirements files; uv documentation, "Intermediate layers" in the Docker guide
)md",
};

bool whole_context(const std::string& s) {
  return s == "." || s == "./" || s == "./." || s == "/" || s == "*" || s == "./*";
}

bool local_path(const PipRequirement& r) {
  if (r.url.empty() || r.vcs || r.url.find("://") != std::string::npos) return false;
  return true;
}

// The dependency install of a RUN: a label for the message and the span, or nullopt.
struct DepInstall {
  std::string what;
  Span span;
};

// True when `path` (a requirement file, project dir or environment file of a RUN) may come
// from the whole-context copy to `dest`: a relative path, or an absolute one under an absolute
// `dest`. Prebuilt wheels, URLs and paths elsewhere in the image are not the copied code.
bool from_copy(std::string_view path, std::string_view dest) {
  if (path.find("://") != std::string_view::npos || path.ends_with(".whl")) return false;
  if (!path.starts_with("/")) return true;
  if (!dest.starts_with("/")) return false;
  while (dest.size() > 1 && dest.ends_with('/')) dest.remove_suffix(1);
  return path == dest || (path.starts_with(dest) && (dest == "/" || path[dest.size()] == '/'));
}

std::optional<DepInstall> dependency_install(const RunAnalysis& run, std::string_view dest) {
  const InstallFacts& f = run.facts;
  for (const PipInstall& p : f.pip) {
    if (p.subcommand != "install" || p.options.no_deps) continue;
    for (const std::string& file : p.options.requirement_files)
      if (from_copy(file, dest)) return DepInstall{p.at.tool + " install -r " + file, p.at.ref.span};
    for (const PipRequirement& r : p.requirements)
      if (local_path(r) && from_copy(r.url, dest))
        return DepInstall{p.at.tool + " install " + (r.editable ? "-e " : "") + (r.is_static ? r.raw : r.url + "[...]"),
                          p.at.ref.span};
  }
  for (const CondaInstall& c : f.conda) {
    for (const std::string& file : c.files)
      if (from_copy(file, dest)) return DepInstall{c.at.tool + " " + c.subcommand + " -f " + file, c.at.ref.span};
    if (!c.files.empty()) continue;
    if (c.subcommand == "env create" || c.subcommand == "env update")
      return DepInstall{c.at.tool + " " + c.subcommand, c.at.ref.span};
  }
  for (const shell::ShellCommand& c : run.script.commands) {
    std::string_view n = c.name();
    if (c.arg_count() == 0) continue;
    const std::string& sub = c.arg(0).value;
    bool dep = (n == "uv" && sub == "sync") || (n == "poetry" && sub == "install") ||
               ((n == "pipenv" || n == "pdm") && (sub == "install" || sub == "sync"));
    if (dep) return DepInstall{std::string(n) + " " + sub, c.span};
  }
  return std::nullopt;
}

class DependencyLayerOrder final : public Rule {
 public:
  void finish(const FileContext& ctx, Reporter& out) override {
    if (ctx.model == nullptr || ctx.dockerfile == nullptr) return;
    const ImageModel& m = *ctx.model;
    for (const StageModel& stage : m.stages) {
      std::optional<size_t> copy_at;  // the whole-context COPY
      const CopyEdge* copy = nullptr;
      size_t next_copy = 0;
      for (size_t i = stage.begin; i < stage.end; ++i) {
        while (next_copy < stage.copies.size() && stage.copies[next_copy].instruction < i) ++next_copy;
        if (!copy_at && next_copy < stage.copies.size() && stage.copies[next_copy].instruction == i) {
          const CopyEdge& e = stage.copies[next_copy];
          if (!e.from_stage && e.from_image.empty()) {
            for (const std::string& s : e.sources) {
              if (whole_context(s)) {
                copy_at = i;
                copy = &e;
              }
            }
          }
        }
        const RunAnalysis* run = m.run_at(i);
        if (run == nullptr) continue;
        std::optional<DepInstall> dep = dependency_install(*run, copy != nullptr ? copy->dest : "/");  // before the copy: any install
        if (!dep) continue;
        if (!copy_at) break;  // dependencies were installed before the code was copied
        report(ctx, out, *copy, *copy_at, *dep);
        break;
      }
    }
  }

 private:
  static void report(const FileContext& ctx, Reporter& out, const CopyEdge& copy, size_t at, const DepInstall& dep) {
    const Instruction& inst = ctx.dockerfile->instructions[at];
    Span span = inst.span;
    std::string src = ".";
    for (const Word& w : inst.args) {
      if (whole_context(w.text)) {
        span = w.span;
        src = w.text;
        break;
      }
    }
    uint32_t line = ctx.source->position(dep.span.begin).line + 1;
    std::string kw = inst.kind == InstructionKind::kAdd ? "ADD" : "COPY";
    Diagnostic& d = out.report(
        span, "`" + kw + " " + src + " " + copy.dest + "` copies the whole build context before `" + dep.what +
                  "` (line " + std::to_string(line) + "), so every code change reinstalls the dependencies; copy the " +
                  "dependency files first, install them, then copy the rest");
    d.labels.push_back({ctx.source, dep.span, "dependencies installed here"});
  }
};

}  // namespace

RuleEntry ml304_dependency_layer_order() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<DependencyLayerOrder>()); }};
}

}  // namespace dockml::rules
