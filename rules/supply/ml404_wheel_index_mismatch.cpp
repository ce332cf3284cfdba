// ML404 wheel-index-mismatch: a `+cuXYZ`/`+cpu`/`+rocmX.Y` pin whose index URL serves another
// variant, or a local-version pin with no index that serves it (PyPI serves no local versions).
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <re2/re2.h>

#include "analyzer/engine/rule.h"
#include "analyzer/model/image_model.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "ML404",
    .name = "wheel-index-mismatch",
    .severity = Severity::kError,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "a +cuXYZ/+cpu/+rocm pin whose index serves another variant, or that no given index serves",
    .doc = R"md(## What it does
Reports a requirement pinned to a local version label of a PyTorch build variant
(`torch==2.1.0+cu118`, `torchvision==0.16.0+cpu`, `torch==2.2.0+rocm5.7`), on a pip/uv
command line or in a requirement file a RUN installs, when
- the only indexes given are variant indexes of `download.pytorch.org` (`/whl/cu121`,
  `/whl/cpu`, `/whl/nightly/cu121`, ...) and none serves that variant; or
- no index, extra index or find-links is given at all (not on the command line, not in
  the requirement file, not by `PIP_INDEX_URL`/`PIP_EXTRA_INDEX_URL`/`PIP_FIND_LINKS`/
  `UV_INDEX_URL`/`UV_EXTRA_INDEX_URL`): PyPI serves no local versions.
Direct references (a wheel URL or file: `https://.../torch-2.3.0%2Bcu121-...whl`,
`torch @ https://...`) need no index and are not judged. Any other index or find-links location (a private mirror, `torch_stable.html`, the
`/whl` root) may serve it and is not judged; neither are stages that copy a `pip.conf`, nor
`--no-index` installs.

## Why it matters
pip looks for the exact version, local label included: when no index lists it, the build
stops with "No matching distribution found for torch==2.1.0+cu118". Each variant index of
download.pytorch.org lists only its own builds, so a cu118 pin against the cu121 index fails
the same way; mixed pins are usually a half-done CUDA upgrade.

## Example
```dockerfile
RUN pip install torch==2.1.0+cu118 --index-url https://download.pytorch.org/whl/cu121
```

## Use instead
```dockerfile
RUN pip install torch==2.1.0+cu118 --index-url https://download.pytorch.org/whl/cu118
```

## Fix safety
No fix is offered: whether the pin or the index is the intended variant is the user's call.

## References
- PyTorch, Previous versions / Get started (per-variant index URLs
  https://download.pytorch.org/whl/<variant>)
- PEP 440, Local version identifiers ("public index servers SHOULD NOT allow local versions");
  PyPI rejects uploads with local versions
- pip documentation, --index-url, --extra-index-url, --find-links and their environment variables
)md",
};

// The variant a download.pytorch.org variant index serves ("cu121"); "" when the URL is not
// such an index (unknown: may serve anything).
std::string index_variant(std::string_view url) {
  static const RE2 kIndex("download\\.pytorch\\.org/whl/(?:nightly/|test/)?(cu\\d+|cpu|rocm[0-9.]+)(?:/|$)");
  std::string v;
  if (RE2::PartialMatch(url, kIndex, &v)) return v;
  return "";
}

bool pypi(std::string_view url) {
  static const RE2 kPypi("^https?://(?:pypi\\.org|pypi\\.python\\.org)/simple/?$");
  return RE2::PartialMatch(url, kPypi);
}

class WheelIndexMismatch final : public Rule {
 public:
  void finish(const FileContext& ctx, Reporter& out) override {
    if (ctx.model == nullptr) return;
    const ImageModel& m = *ctx.model;
    static const RE2 kLabel("cu\\d+|cpu|rocm[0-9.]+");
    std::set<std::pair<const SourceFile*, uint32_t>> seen;
    for (const StageModel& s : m.stages) {
      if (copies_pip_conf(m, s)) continue;
      for (const PythonPackage& p : s.python_packages) {
        const PipRequirement& r = p.req;
        if (p.uninstall || r.local_label.empty() || !r.exact_version || !RE2::FullMatch(r.local_label, kLabel)) continue;
        if (p.options.no_index || !r.url.empty()) continue;  // a wheel URL or path needs no index
        if (p.file_index >= 0 && static_cast<size_t>(p.file_index) < s.files.size() && s.files[p.file_index].constraint)
          continue;
        std::vector<std::string> urls = p.options.index_urls;
        urls.insert(urls.end(), p.options.extra_index_urls.begin(), p.options.extra_index_urls.end());
        urls.insert(urls.end(), p.options.find_links.begin(), p.options.find_links.end());
        bool env_index = false;
        for (std::string_view name : {"PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL", "PIP_FIND_LINKS", "UV_INDEX_URL",
                                      "UV_EXTRA_INDEX_URL", "UV_INDEX", "UV_FIND_LINKS", "PIP_CONFIG_FILE"}) {
          const VarBinding* v = m.scope.find(p.run_instruction, name);
          if (v == nullptr) continue;
          if (!v->known) env_index = true;
          else if (!v->value.empty()) urls.push_back(v->value);
        }
        if (env_index) continue;
        bool unknown = false, served = false;
        std::string other;
        for (const std::string& u : urls) {
          if (u.find('$') != std::string::npos) unknown = true;
          if (pypi(u)) continue;
          std::string v = index_variant(u);
          if (v.empty()) unknown = true;
          else if (v == r.local_label) served = true;
          else if (other.empty()) other = u;
        }
        if (served || unknown) continue;
        if (r.ref.source == nullptr || !seen.insert({r.ref.source.get(), r.ref.span.begin}).second) continue;
        std::string pin = r.name + "==" + *r.exact_version;
        std::string good = "https://download.pytorch.org/whl/" + r.local_label;
        std::string msg =
            other.empty()
                ? "`" + pin + "` pins the local version +" + r.local_label + ", which PyPI does not serve, and no " +
                      "index that serves it is given: pip fails with \"No matching distribution\"; add --extra-index-url " + good
                : "`" + pin + "` asks for the " + r.local_label + " build but " + other + " serves " +
                      index_variant(other) + " wheels only: pip fails with \"No matching distribution\"; use " + good;
        Span span = r.specifier_ref.span.empty() ? r.ref.span : r.specifier_ref.span;
        if (r.ref.source == ctx.source) {
          out.report(span, std::move(msg));
        } else {
          Diagnostic& d = out.report_in(r.ref.source, span, std::move(msg));
          if (p.command.source) d.labels.push_back({p.command.source, p.command.span, "installed by this RUN"});
        }
      }
    }
  }

 private:
  static bool copies_pip_conf(const ImageModel& m, const StageModel& s) {
    for (const CopyEdge& c : s.copies) {
      if (c.dest.find("pip.conf") != std::string::npos || c.dest.find("pip.ini") != std::string::npos) return true;
      for (const std::string& src : c.sources)
        if (src.find("pip.conf") != std::string::npos || src.find("pip.ini") != std::string::npos) return true;
    }
    for (std::optional<size_t> p = s.parent; p; p = m.stages[*p].parent)
      if (copies_pip_conf(m, m.stages[*p])) return true;
    return false;
  }
};

}  // namespace

RuleEntry ml404_wheel_index_mismatch() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<WheelIndexMismatch>()); }};
}

}  // namespace dockml::rules
