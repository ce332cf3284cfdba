// DL3026 trusted-registry: The image is not from a trusted registry
#include <string>
#include <vector>
#include <fmt/format.h>
#include "analyzer/engine/options.h"
#include "analyzer/engine/rule.h"
#include "analyzer/image/image_ref.h"
#include "rules/hadolint/dl_common.h"
#include "rules/hadolint/run_facts.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3026",
    .name = "trusted-registry",
    .severity = Severity::kError,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "The image is not from a trusted registry",
    .doc = R"md(## What it does
With `trusted-registries` configured (`.dockml.yaml`, `.hadolint.yaml` `trustedRegistries`),
reports every image pulled from another registry: the base image of each `FROM` (resolved
through ARG defaults and `--build-arg`, so `FROM ${BASE}` is checked, not skipped), `COPY --from`
naming an image rather than a stage, and `RUN --mount=from=<image>`. Docker Hub images
(`ubuntu`, `nvidia/cuda`) come from `docker.io`, which `hub.docker.com` or `index.docker.io`
also name. An entry `*.example.com` trusts every subdomain. `scratch`, earlier stages and
images whose name depends on an ARG without a known value are not reported. Without a list
the rule does nothing.

## Why it matters
Pulling from an unreviewed registry lets whoever controls it decide what ends up in the image;
organisations that mirror and scan images want builds to use only their registries.

## Example
```yaml
# .dockml.yaml
trusted-registries: [registry.acme.dev]
```
```dockerfile
FROM nvcr.io/nvidia/pytorch:24.07-py3
```

## Use instead
```dockerfile
FROM registry.acme.dev/mirror/nvidia/pytorch:24.07-py3
```

## Fix safety
No fix is offered: whether a mirror holds the image is not known here.

## References
- hadolint 2.15 source, `src/Hadolint/Rule/DL3026.hs` (2.15 added `COPY --from` and `RUN --mount from=`)
- hadolint README, `trustedRegistries`
)md",
};

bool docker_hub(std::string_view r) {
  return r == "docker.io" || r == "hub.docker.com" || r == "index.docker.io" || r == "registry-1.docker.io";
}

bool trusted(const std::vector<std::string>& list, std::string_view registry) {
  for (const std::string& entry : list) {
    std::string e = dl::lower(entry);
    if (e == registry || (docker_hub(e) && docker_hub(registry))) return true;
    if (e.starts_with("*.") && registry.size() > e.size() - 1 && registry.ends_with(std::string_view(e).substr(1)))
      return true;
  }
  return false;
}

std::string joined(const std::vector<std::string>& list) {
  std::string out;
  for (const std::string& s : list) out += (out.empty() ? "" : ", ") + s;
  return out;
}

class TrustedRegistry final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    if (!active(ctx)) return;
    size_t index = dl::index_of(ctx, inst);
    const BuildScope& scope = dl::scope_of(ctx, scope_);
    if (inst.kind == InstructionKind::kFrom && index != kNoInstruction) {
      for (const StageInfo& st : scope.stages()) {
        if (st.from_instruction != index) continue;
        if (st.is_scratch || st.parent || !st.base_exact || st.base_error) return;
        check(ctx, out, st.base, st.base_raw, st.base_span);
      }
      return;
    }
    if (inst.kind == InstructionKind::kCopy) {
      const Flag* from = inst.find_flag("from");
      if (from != nullptr && from->has_value) check_source(ctx, out, scope, index, from->value, from->value_span);
      return;
    }
    if (const Instruction* run = hl::as_run(inst); run != nullptr && run == &inst) {
      for (const Flag& f : run->flags) {
        if (f.name != "mount") continue;
        // Point at the `from=` value itself when the flag is written without quotes.
        bool verbatim = ctx.source && ctx.source->slice(f.value_span) == f.value;
        for (std::string_view v = f.value; !v.empty();) {
          size_t comma = v.find(',');
          std::string_view part = v.substr(0, comma);
          uint32_t at = static_cast<uint32_t>(part.data() - f.value.data());
          v = comma == std::string_view::npos ? std::string_view{} : v.substr(comma + 1);
          if (!part.starts_with("from=")) continue;
          Span span = verbatim ? Span{f.value_span.begin + at + 5, f.value_span.begin + at + static_cast<uint32_t>(part.size())}
                               : f.value_span;
          check_source(ctx, out, scope, index, part.substr(5), span);
        }
      }
    }
  }

 private:
  static bool active(const FileContext& ctx) {
    return ctx.options != nullptr && !ctx.options->trusted_registries.empty();
  }

  // COPY --from / --mount from=: a stage name, a stage index or an image.
  void check_source(const FileContext& ctx, Reporter& out, const BuildScope& scope, size_t index,
                    std::string_view value, Span span) {
    if (value.empty() || value.find('$') != std::string_view::npos) return;
    if (value.find_first_not_of("0123456789") == std::string_view::npos) return;
    if (scope.find_stage(value, index)) return;
    check(ctx, out, std::string(value), std::string(value), span);
  }

  void check(const FileContext& ctx, Reporter& out, const std::string& image, const std::string& raw, Span span) {
    ImageRefResult parsed = parse_image_ref(image);
    if (!parsed.ref || parsed.ref->is_scratch()) return;
    std::string registry = dl::lower(parsed.ref->registry);
    const auto& list = ctx.options->trusted_registries;
    if (trusted(list, registry)) return;
    std::string shown = raw == image ? fmt::format("`{}`", image) : fmt::format("`{}` (`{}`)", raw, image);
    out.report(span, fmt::format("{} is pulled from {}, which is not a trusted registry (trusted: {})",
                                 shown, registry, joined(list)));
  }

  std::optional<BuildScope> scope_;
};

}  // namespace

RuleEntry dl3026_trusted_registry() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<TrustedRegistry>()); }};
}

}  // namespace dockml::rules
