// DL3067 copy-from-root: COPY --from=<stage> / / copies a whole filesystem.
#include <fmt/format.h>

#include <optional>
#include <string>

#include "analyzer/engine/rule.h"
#include "analyzer/image/image_ref.h"
#include "rules/hadolint/dl_common.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3067",
    .name = "copy-from-root",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "COPY --from=<stage> / / copies the whole filesystem of the stage",
    .doc = R"md(## What it does
Reports `COPY --from=<stage or image> / /`: the source is the root of the other filesystem
and the destination is the root of this one, when that root holds an operating system: a stage
that adds files on top of a non-scratch base, or a distribution/language base image (`ubuntu`,
`python`, `nvidia/cuda`, …). Artifact images and stages built `FROM scratch` (`tonistiigi/xx`,
`gloursdocker/docker`, export stages) hold only files meant to be copied, so `/ /` is their
normal use and is not reported (hadolint reports them all).

## Why it matters
It overlays a whole operating system (package databases, caches, `/etc`) onto the stage,
which defeats the point of a multi-stage build and can silently replace system files.

## Example
```dockerfile
COPY --from=build / /
```

## Use instead
```dockerfile
COPY --from=build /app/dist /app/dist
```

## Fix safety
No fix: which paths are needed is the author's choice.

## References
- hadolint DL3067 (2.15): https://github.com/hadolint/hadolint/wiki/DL3067
)md",
};

// Images whose root is a full operating system (distribution or language/ML base images).
bool os_image(std::string_view image) {
  ImageRefResult r = parse_image_ref(image);
  if (!r.ref) return false;
  std::string_view path = r.ref->path;
  std::string_view last = path.substr(path.rfind('/') == std::string_view::npos ? 0 : path.rfind('/') + 1);
  for (std::string_view os : {"ubuntu", "debian", "alpine", "centos", "fedora", "rockylinux", "almalinux",
                              "amazonlinux", "leap", "tumbleweed", "archlinux", "oraclelinux", "ubi8", "ubi9",
                              "python", "node", "golang", "ruby", "openjdk", "eclipse-temurin", "cuda", "pytorch",
                              "tensorflow", "miniconda3", "micromamba"})
    if (last == os) return true;
  return false;
}

class CopyFromRoot final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    if (inst.kind != InstructionKind::kCopy || inst.args.size() != 2) return;
    const Flag* from = inst.find_flag("from");
    if (from == nullptr || !from->has_value) return;
    if (dl::unquote(inst.args[0].text) != "/" || dl::unquote(inst.args[1].text) != "/") return;
    if (!copies_an_os(ctx, inst, from->value)) return;
    out.report(Span{inst.args[0].span.begin, inst.args[1].span.end},
               fmt::format("copies the whole filesystem of `{}` over this stage's root; copy only the "
                           "paths you need",
                           from->value));
  }

 private:
  // True when the source's root holds an operating system: a stage that adds files on top of a
  // non-scratch base, or (directly or through a stage that only names it) a distribution image.
  // Artifact images and stages built FROM scratch (`tonistiigi/xx`, export stages) hold only
  // the files meant to be copied, so `/ /` is their normal use.
  bool copies_an_os(const FileContext& ctx, const Instruction& inst, const std::string& source) {
    if (source.find('$') != std::string::npos || ctx.dockerfile == nullptr) return false;
    const BuildScope& scope = dl::scope_of(ctx, scope_);
    const auto& stages = scope.stages();
    const auto& all = ctx.dockerfile->instructions;
    std::optional<size_t> s;
    if (source.find_first_not_of("0123456789") == std::string::npos && source.size() < 6) {
      size_t n = std::stoul(source);
      if (n < stages.size()) s = n;
    } else {
      s = scope.find_stage(source, dl::index_of(ctx, inst));
    }
    if (!s) return os_image(source);
    bool adds_files = false;
    for (int hops = 0; hops < 1000; ++hops) {
      const StageInfo& st = stages[*s];
      for (size_t i = st.begin + 1; i < st.end && i < all.size(); ++i) {
        InstructionKind k = all[i].kind;
        adds_files |= k == InstructionKind::kRun || k == InstructionKind::kCopy || k == InstructionKind::kAdd;
      }
      if (!st.parent) break;
      s = *st.parent;
    }
    const StageInfo& root = stages[*s];
    if (root.is_scratch || !root.base_exact || root.base_error) return false;
    return adds_files || os_image(root.base);
  }

  std::optional<BuildScope> scope_;
};

}  // namespace

RuleEntry dl3067_copy_from_root() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<CopyFromRoot>()); }};
}

}  // namespace dockml::rules
