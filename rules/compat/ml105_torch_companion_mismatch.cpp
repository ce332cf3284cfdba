// ML105 torch-companion-mismatch: torchvision/torchaudio pins not paired with the torch pin
// of the same stage, or CUDA variants that differ among them.
#include <fmt/format.h>

#include "analyzer/engine/rule.h"
#include "rules/compat/compat_util.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "ML105",
    .name = "torch-companion-mismatch",
    .severity = Severity::kError,
    .enabled_by_default = true,
    .fix = FixAvailability::kSometimes,
    .summary = "torchvision/torchaudio version not paired with the torch version",
    .doc = R"md(## What it does
When a stage pins torch and torchvision and/or torchaudio to exact versions, checks them
against PyTorch's release table (torch 2.1.0 goes with torchvision 0.16.0 and torchaudio
2.1.0; torchaudio 2.11 serves every later torch). Also reports torch, torchvision and
torchaudio wheels of different build variants (`torch==2.1.0+cu121` with
`torchvision==0.16.0+cu118`): an error when the CUDA majors differ (or CPU against CUDA), a
warning for another minor of the same major. Versions the knowledge base does not list are
skipped.

## Why it matters
torchvision and torchaudio (before 2.11) binaries are built against one torch release and pin
it exactly. In one `pip install` the pins conflict (`ResolutionImpossible`); in separate
commands pip silently replaces the torch you pinned, often with another CUDA variant from
PyPI. Mixed CUDA variants fail at import with undefined symbols or missing operators.

## Example
```dockerfile
RUN pip install torch==2.1.0 torchvision==0.15.2 torchaudio==2.1.0
```

## Use instead
```dockerfile
RUN pip install torch==2.1.0 torchvision==0.16.0 torchaudio==2.1.0
```

## Fix safety
The fix sets torchvision/torchaudio to the version paired with the torch pin (also in
requirement files); it is unsafe because it changes what is installed. No fix for variant
mismatches.

## References
- torch / torchvision / torchaudio pairs: pytorch/pytorch.github.io
  `_get_started/previous-versions.md`, pytorch/vision `README.md`, torchaudio installation
  docs (knowledge base `pytorch.json`, sources S1, S4, S5, S7-S9)
)md",
};

class TorchCompanionMismatch final : public Rule {
 public:
  void finish(const FileContext& ctx, Reporter& out) override {
    if (!ctx.model || !ctx.kb) return;
    for (const StageModel& st : ctx.model->stages) check_stage(ctx, st, out);
  }

 private:
  static void check_stage(const FileContext& ctx, const StageModel& st, Reporter& out) {
    const FrameworkVariant* torch = nullptr;
    for (const FrameworkVariant& f : st.frameworks)
      if (f.package == "torch" && f.version) torch = &f;  // the last pin wins
    if (!torch) return;
    auto rel = ctx.kb->torch_release(*torch->version);
    for (const FrameworkVariant& f : st.frameworks) {
      if (f.package != "torchvision" && f.package != "torchaudio") continue;
      const PythonPackage* pkg = compat::package_of(st, f);
      if (!pkg || !f.version) continue;
      if (rel && !paired(*rel, f)) {
        report_pair(ctx, st, *torch, f, *rel, *pkg, out);
      } else if (f.variant != torch->variant && explicit_variant(f) && explicit_variant(*torch)) {
        // Same CUDA major, other minor: the same CUDA runtime soname, so a warning.
        bool same_major = f.cuda && torch->cuda && f.cuda->major() == torch->cuda->major();
        std::string message = fmt::format("{} is the {} build but {} is the {} build ({})",
                                          compat::package_words(pkg->req), f.variant,
                                          compat::framework_words(*torch), torch->variant,
                                          compat::variant_origin_words(*torch));
        Diagnostic& d = compat::report_at_package(out, ctx, st, *pkg, f.ref, std::move(message),
                                                  same_major ? Severity::kWarning : kMeta.severity);
        add_torch_label(d, *torch);
      }
    }
  }

  // A build variant the Dockerfile names: cpu, cuXYZ or rocmX.Y (not a git hash such as the
  // "+05eae32" of custom builds).
  static bool explicit_variant(const FrameworkVariant& f) {
    if (!compat::variant_named_in_dockerfile(f)) return false;
    return f.variant == "cpu" || f.variant.starts_with("rocm") || cuda_from_variant(f.variant).has_value();
  }

  static bool paired(const TorchRelease& rel, const FrameworkVariant& f) {
    const Version& v = *f.version;
    bool vision = f.package == "torchvision";
    const auto& pair = vision ? rel.torchvision : rel.torchaudio;
    const auto& alts = vision ? rel.torchvision_alternatives : rel.torchaudio_alternatives;
    if (!pair) return true;  // unknown pair: skip
    if (v.truncated(3) == pair->value.truncated(3)) return true;
    for (const Version& a : alts)
      if (v.truncated(3) == a.truncated(3)) return true;
    return false;
  }

  static void add_torch_label(Diagnostic& d, const FrameworkVariant& torch) {
    if (!torch.ref.source) return;
    d.labels.push_back(Label{torch.ref.source, torch.ref.span,
                             fmt::format("torch {} is pinned here", torch.version->str())});
  }

  static void report_pair(const FileContext& ctx, const StageModel& st, const FrameworkVariant& torch,
                          const FrameworkVariant& f, const TorchRelease& rel, const PythonPackage& pkg,
                          Reporter& out) {
    bool vision = f.package == "torchvision";
    const Fact<Version>& pair = *(vision ? rel.torchvision : rel.torchaudio);
    // Which torch the companion belongs to, for the message.
    std::vector<Version> owners = vision ? ctx.kb->torch_for_torchvision(*f.version)
                                         : ctx.kb->torch_for_torchaudio(*f.version);
    std::string belongs;
    if (!owners.empty()) belongs = fmt::format(" (it goes with torch {})", owners.front().str());
    std::string message = fmt::format("{} {} is not the release paired with torch {}{}: torch {} goes with {} {}",
                                      f.package, f.version->str(), torch.version->str(), belongs,
                                      torch.version->release_string(), f.package, pair.value.str());
    Diagnostic& d = compat::report_at_package(out, ctx, st, pkg, f.ref, std::move(message), kMeta.severity);
    add_torch_label(d, torch);
    compat::Evidence ev;
    ev.add(pair.from);
    compat::apply_evidence(d, ev);
    // Fix: replace the release part of the pin, keeping a +cuXYZ label.
    const SourceRef& spec = pkg.req.specifier_ref;
    if (!ev.confirmed() || !spec.source || spec.span.empty() || d.source != spec.source) return;
    std::string_view text = spec.source->slice(spec.span);
    std::string release = f.version->release_string();
    size_t at = text.find(release);
    if (at == std::string_view::npos) return;
    // Only when the version text is exactly the release (no ".post1" etc. after it).
    size_t end = at + release.size();
    if (end < text.size() && text[end] != '+' && text[end] != ' ' && text[end] != ',' && text[end] != ';') return;
    uint32_t b = spec.span.begin + static_cast<uint32_t>(at);
    d.fix = Fix{Applicability::kUnsafe,
                fmt::format("Install {} {} (paired with torch {})", f.package, pair.value.str(),
                            torch.version->release_string()),
                {Edit{Span{b, b + static_cast<uint32_t>(release.size())}, pair.value.str()}}};
  }
};

}  // namespace

RuleEntry ml105_torch_companion_mismatch() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<TorchCompanionMismatch>()); }};
}

}  // namespace dockml::rules
