// ML403 vcs-install-unpinned: `pip install git+URL` without an `@<ref>`, so the build installs
// whatever the default branch holds that day.
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>

#include "analyzer/engine/rule.h"
#include "analyzer/model/image_model.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "ML403",
    .name = "vcs-install-unpinned",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "pip installs a VCS URL (git+...) without pinning a commit or tag with @<ref>",
    .doc = R"md(## What it does
Reports a Python requirement that installs from a version-control URL (`git+https://...`,
`git+ssh://...`, `hg+`, `svn+`, `bzr+`) without an `@<ref>` after the repository path, on a
`pip install` / `uv pip install` command line or in a requirement file that a RUN installs.
The `user@` of an SSH URL is not a ref. URLs whose repository part comes from a variable of
unknown value are not judged.

## Why it matters
Without a ref pip clones the default branch as it is at build time: two builds of the same
Dockerfile install different code, a rebuilt image can break on an upstream commit, and the
layer cache hides the difference until it is invalidated. ML repositories (`transformers`,
`flash-attention`, `apex`) move fast and often change their build requirements.

## Example
```dockerfile
RUN pip install --no-cache-dir git+https://github.com/huggingface/transformers
```

## Use instead
```dockerfile
RUN pip install --no-cache-dir git+https://github.com/huggingface/transformers@v4.44.2
# or a full commit hash: ...transformers@1a2b3c4d...
```

## Fix safety
No fix is offered: the right tag or commit is the user's choice.

## References
- pip documentation, VCS Support: "pip install git+https://...@<ref>" (branch, tag or commit)
- PEP 440, Direct references; PEP 508 URL requirements
)md",
};

// The ref of a VCS URL ("v4.44.2" for ".../transformers@v4.44.2#egg=x"); nullopt when the URL
// names no ref; "" when it ends with a bare '@'.
std::optional<std::string> vcs_ref(std::string_view url) {
  if (size_t hash = url.find('#'); hash != std::string_view::npos) url = url.substr(0, hash);
  size_t path_begin;
  if (size_t scheme = url.find("://"); scheme != std::string_view::npos) {
    path_begin = url.find('/', scheme + 3);
  } else {  // scp-like "git+git@github.com:org/repo.git@ref"
    path_begin = url.find(':');
  }
  if (path_begin == std::string_view::npos) return std::nullopt;
  size_t at = url.find('@', path_begin);
  if (at == std::string_view::npos) return std::nullopt;
  return std::string(url.substr(at + 1));
}

class VcsInstallUnpinned final : public Rule {
 public:
  void finish(const FileContext& ctx, Reporter& out) override {
    if (ctx.model == nullptr) return;
    std::set<std::pair<const SourceFile*, uint32_t>> seen;
    for (const StageModel& stage : ctx.model->stages) {
      for (const PythonPackage& p : stage.python_packages) {
        const PipRequirement& r = p.req;
        if (p.uninstall || !r.vcs || r.url.empty()) continue;
        std::string_view url = r.url;
        std::optional<std::string> ref = vcs_ref(url);
        if (!r.is_static && !ref) continue;  // part of the URL comes from an unknown variable
        if (ref && !ref->empty()) continue;
        if (r.ref.source == nullptr || !seen.insert({r.ref.source.get(), r.ref.span.begin}).second) continue;
        std::string msg =
            ref ? "`" + std::string(url) + "` ends with an empty `@`: pip installs the default branch at build time; name a tag or commit after `@`"
                : "`" + std::string(url) + "` installs whatever the repository's default branch holds at build time; pin a tag or commit with `@<ref>`";
        if (r.ref.source == ctx.source) {
          out.report(r.ref.span, std::move(msg));
        } else {
          Diagnostic& d = out.report_in(r.ref.source, r.ref.span, std::move(msg));
          if (p.command.source != nullptr)
            d.labels.push_back({p.command.source, p.command.span, "installed by this RUN"});
        }
      }
    }
  }
};

}  // namespace

RuleEntry ml403_vcs_install_unpinned() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<VcsInstallUnpinned>()); }};
}

}  // namespace dockml::rules
