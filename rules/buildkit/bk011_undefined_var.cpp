// BK011 undefined-var (BuildKit UndefinedVar): a variable used in an instruction BuildKit
// expands (COPY, ADD, ENV, ARG, LABEL, WORKDIR, USER, EXPOSE, VOLUME, STOPSIGNAL) that is not
// defined at that point.
#include <optional>
#include <string>
#include <vector>

#include "analyzer/dockerfile/expand.h"
#include "analyzer/engine/rule.h"
#include "rules/buildkit/bk_util.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "BK011",
    .name = "undefined-var",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "Variables should be defined before their use",
    .doc = R"md(## What it does
Reports `$NAME` / `${NAME}` in an instruction that BuildKit expands itself (`COPY`, `ADD`,
`ENV`, `ARG`, `LABEL`, `WORKDIR`, `USER`, `EXPOSE`, `VOLUME`, `STOPSIGNAL`) when no `ARG` or
`ENV` before it in the stage (or the stages it is built on) defines `NAME` (BuildKit's
`UndefinedVar` check). `RUN`, `CMD` and `ENTRYPOINT` are left to the shell. References with a
default or alternative (`${NAME:-x}`, `${NAME:+x}`, `${NAME?}`) are not reported.

BuildKit also knows the base image's `ENV` (`PATH`, `CUDA_VERSION`, ...); dockml does not
contact registries, so in a stage built on an external image a name is reported only when it
is an automatic platform ARG that was not declared in the stage (`TARGETARCH`), or when it is
a near-miss of a defined name (did-you-mean) and not one of the names base images commonly
set (`PATH`, `HOME`, `CUDA_HOME`, `LD_LIBRARY_PATH`, ...). In stages built `FROM scratch` every undefined
name is reported.

## Why it matters
An undefined variable expands to the empty string: `COPY ${SRC_DIR}/ /app` copies the whole
context, `WORKDIR /opt/$APP_NAME` becomes `/opt/`.

## Example
```dockerfile
FROM python:3.11-slim
ARG MODEL_DIR=/models
COPY weights/ ${MODEL_DRI}/
```

## Use instead
```dockerfile
FROM python:3.11-slim
ARG MODEL_DIR=/models
COPY weights/ ${MODEL_DIR}/
```

## Fix safety
No fix is offered: the suggestion is shown in the message.

## References
- https://docs.docker.com/reference/build-checks/undefined-var/
- https://docs.docker.com/reference/dockerfile/#environment-replacement
)md",
    .alias = "UndefinedVar",
};

bool expands_words(InstructionKind k) {
  switch (k) {
    case InstructionKind::kAdd: case InstructionKind::kCopy: case InstructionKind::kWorkdir:
    case InstructionKind::kUser: case InstructionKind::kExpose: case InstructionKind::kVolume:
    case InstructionKind::kStopsignal:
      return true;
    default:
      return false;
  }
}

// ENV names that base images commonly set: never reported in a stage on an external image,
// whatever they resemble (`$PATH` is not a typo of a declared `GOPATH`).
bool common_image_env(std::string_view name) {
  static constexpr std::string_view kNames[] = {
      "PATH", "HOME", "USER", "LANG", "LC_ALL", "TERM", "SHELL", "HOSTNAME", "PWD", "TZ",
      "LD_LIBRARY_PATH", "LIBRARY_PATH", "CPATH", "PKG_CONFIG_PATH", "MANPATH", "PYTHONPATH",
      "PYTHON_VERSION", "VIRTUAL_ENV", "CONDA_DIR", "CONDA_PREFIX", "CUDA_HOME", "CUDA_PATH",
      "CUDA_VERSION", "CUDNN_VERSION", "NCCL_VERSION", "NVIDIA_VISIBLE_DEVICES",
      "NVIDIA_DRIVER_CAPABILITIES", "NVIDIA_REQUIRE_CUDA", "TORCH_CUDA_ARCH_LIST", "JAVA_HOME",
      "GOPATH", "GOROOT", "NODE_VERSION", "DEBIAN_FRONTEND", "APP_ROOT", "HF_HOME"};
  for (std::string_view n : kNames) if (n == name) return true;
  return false;
}

class UndefinedVar final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    size_t idx = bk::index_of(ctx, inst);
    if (idx == bk::kNoIndex) return;
    const BuildScope& scope = bk::scope_of(ctx, scope_);
    std::optional<size_t> stage = scope.stage_of(idx);
    if (!stage || inst.kind == InstructionKind::kFrom) return;
    const StageInfo& info = scope.stages()[*stage];
    std::vector<const Word*> words;
    if (expands_words(inst.kind)) {
      if (!inst.heredocs.empty()) return;
      for (const Word& w : inst.args) words.push_back(&w);
    } else if (inst.kind == InstructionKind::kEnv || inst.kind == InstructionKind::kArg ||
               inst.kind == InstructionKind::kLabel) {
      for (const KeyValue& kv : inst.pairs) {
        if (inst.kind == InstructionKind::kLabel) words.push_back(&kv.key);
        if (!kv.value.text.empty()) words.push_back(&kv.value);
      }
    }
    for (const Word* w : words) check_word(ctx, scope, info, idx, *w, out);
  }

 private:
  void check_word(const FileContext& ctx, const BuildScope& scope, const StageInfo& stage, size_t idx,
                  const Word& word, Reporter& out) {
    ExpandOptions opts;
    opts.escape = ctx.dockerfile->escape;
    ExpandResult refs = find_references(word.text, opts);
    bool verbatim = bk::word_is_verbatim(ctx, word);
    for (const VarRef& ref : refs.refs) {
      if (ref.kind != VarRef::Kind::kNamed || (!ref.op.empty() && ref.op.find_first_of(":-+?") != std::string::npos)) {
        continue;
      }
      if (scope.find(idx, ref.name) != nullptr) continue;
      if (ctx.options != nullptr && ctx.options->build_args.count(ref.name) != 0 &&
          BuildScope::is_predefined_arg(ref.name)) continue;
      std::string hint = bk::suggest(ref.name, visible_names(scope, idx));
      bool automatic = BuildScope::is_automatic_arg(ref.name);
      if (stage.external_base && !automatic && (hint.empty() || common_image_env(ref.name))) continue;
      std::string msg = "Usage of undefined variable '$" + ref.name + "'";
      if (!hint.empty()) msg += " (did you mean $" + hint + "?)";
      Span span = verbatim ? Span{word.span.begin + ref.begin, word.span.begin + ref.end} : word.span;
      Diagnostic& d = out.report(span, msg);
      if (automatic) d.notes.push_back("automatic platform ARGs are only visible in a stage after `ARG " + ref.name + "`");
    }
  }

  std::vector<std::string> visible_names(const BuildScope& scope, size_t idx) const {
    std::vector<std::string> names;
    for (const VarBinding* b : scope.visible(idx)) {
      if (b->origin != VarBinding::Origin::kAutomatic) names.push_back(b->name);
    }
    return names;
  }

  std::optional<BuildScope> scope_;
};

}  // namespace

RuleEntry bk011_undefined_var() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<UndefinedVar>()); }};
}

}  // namespace dockml::rules
