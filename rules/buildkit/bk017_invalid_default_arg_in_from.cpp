// BK017 invalid-default-arg-in-from (BuildKit InvalidDefaultArgInFrom): the FROM image built
// from the global ARGs' default values is empty or not a valid reference.
#include <optional>
#include <string>

#include "analyzer/dockerfile/expand.h"
#include "analyzer/engine/rule.h"
#include "analyzer/image/image_ref.h"
#include "rules/buildkit/bk_util.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "BK017",
    .name = "invalid-default-arg-in-from",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "Default value for ARG results in empty or invalid base image name",
    .doc = R"md(## What it does
Expands the image of every `FROM` that uses variables with the default values of the global
ARGs only (an `ARG` without a default counts as empty, as in a build without `--build-arg`)
and reports when the result is empty or not a valid image reference (BuildKit's
`InvalidDefaultArgInFrom` check). A result naming an earlier stage is valid.

## Why it matters
`docker build .` without the right `--build-arg` fails with "invalid reference format" or
"base name should not be blank"; a default makes the Dockerfile buildable as is.

## Example
```dockerfile
ARG CUDA_TAG
FROM nvidia/cuda:${CUDA_TAG}
```

## Use instead
```dockerfile
ARG CUDA_TAG=12.1.1-runtime-ubuntu22.04
FROM nvidia/cuda:${CUDA_TAG}
```

## Fix safety
No fix is offered: the right default is not known.

## References
- https://docs.docker.com/reference/build-checks/invalid-default-arg-in-from/
- Image reference grammar: https://github.com/distribution/reference
)md",
    .alias = "InvalidDefaultArgInFrom",
};

// Global ARG defaults only; ARGs without a default expand empty.
class DefaultsLookup final : public VarLookup {
 public:
  DefaultsLookup(const BuildScope& scope, size_t at) : scope_(scope), at_(at) {}
  VarValue get(std::string_view name) const override {
    const VarBinding* b = scope_.find(at_, name);
    if (b == nullptr) return VarValue::unset();
    if (b->origin == VarBinding::Origin::kAutomatic) return VarValue::set(b->value);
    if (!b->has_default) return VarValue::set("");
    return b->known ? VarValue::set(b->value) : VarValue::unknown();
  }

 private:
  const BuildScope& scope_;
  size_t at_;
};

class InvalidDefaultArgInFrom final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    if (inst.kind != InstructionKind::kFrom || inst.args.empty()) return;
    const Word& image = inst.args[0];
    if (image.text.find('$') == std::string::npos) return;
    size_t idx = bk::index_of(ctx, inst);
    if (idx == bk::kNoIndex) return;
    const BuildScope& scope = bk::scope_of(ctx, scope_);
    ExpandResult r = expand_word(image.text, DefaultsLookup(scope, idx), ctx.dockerfile->escape);
    if (!r.ok() || !r.exact) return;
    std::string problem;
    if (r.value.empty()) {
      problem = "the image name is empty";
    } else if (scope.find_stage(r.value, idx)) {
      return;
    } else {
      ImageRefResult ref = parse_image_ref(r.value);
      if (ref.ref) return;
      problem = "\"" + r.value + "\": " + ref.error;
    }
    out.report(image.span, "Default value for ARG " + image.text +
                               " results in empty or invalid base image name (" + problem + ")");
  }

 private:
  std::optional<BuildScope> scope_;
};

}  // namespace

RuleEntry bk017_invalid_default_arg_in_from() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<InvalidDefaultArgInFrom>()); }};
}

}  // namespace dockml::rules
