// ML306 framework-reinstalled: pip/conda installs torch, tensorflow or jax on an image that
// already ships it (NGC framework images always; pytorch/pytorch and tensorflow/tensorflow when
// the version differs from the tag's), or a framework installed twice with different versions.
#include <map>
#include <optional>
#include <set>
#include <utility>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/engine/rule.h"
#include "analyzer/model/image_model.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "ML306",
    .name = "framework-reinstalled",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "torch/tensorflow/jax installed on an image that already ships it, or installed twice with different versions",
    .doc = R"md(## What it does
Reports a pip or conda install of `torch`, `tensorflow` or `jax`/`jaxlib` (command line,
requirement file or environment.yml) when:
- the stage runs on an NGC framework image that ships it (`nvcr.io/nvidia/pytorch` ships
  torch, `nvcr.io/nvidia/tensorflow` tensorflow, `nvcr.io/nvidia/jax` jax and jaxlib): always;
- the stage runs on `pytorch/pytorch` or `tensorflow/tensorflow` and the exact version pinned
  differs from the one the tag ships, or names another CUDA build of it (`torch==1.13.0+cu117`
  on a CUDA 11.6 tag); unpinned installs are no-ops there and not reported;
- the same image (a stage and the stages it is built `FROM`) installs the framework twice
  with different exact versions.
Constraint files (`-c`) and `pip uninstall` are not installs.

## Why it matters
NGC containers carry NVIDIA's own framework builds, compiled against the container's CUDA,
cuDNN, NCCL and with extensions (apex, transformer-engine, flash-attention, DALI) built
against that exact torch. A PyPI wheel replaces it: the extensions fail to import with
undefined symbols, and the image downloads and stores a second multi-gigabyte framework.
On the Docker Hub images a different version means two frameworks' worth of layers and a
CUDA build that may not match the image's. Installing a framework twice with different
versions leaves whichever ran last, usually not the one the pins were chosen for.

## Example
```dockerfile
FROM nvcr.io/nvidia/pytorch:24.01-py3
RUN pip install torch==2.1.0 transformers
```

## Use instead
```dockerfile
FROM nvcr.io/nvidia/pytorch:24.01-py3
RUN pip install transformers
# or choose the NGC release whose torch you need, or start from a CUDA base image
```

## Fix safety
No fix is offered: removing the pin or changing the base image changes what the image runs.

## References
- NVIDIA, PyTorch/TensorFlow/JAX container release notes (framework builds shipped per release)
- rules/kb/ngc.json and rules/kb/images.json (what each image ships)
- pip documentation, "Requirement already satisfied" (an installed version that satisfies the
  requirement is kept)
)md",
};

// The framework an install names, or "".
std::string framework_of(std::string_view name) {
  if (name == "torch" || name == "pytorch") return "torch";
  if (name == "tensorflow" || name == "tensorflow-gpu" || name == "tensorflow-cpu") return "tensorflow";
  if (name == "jax" || name == "jaxlib") return std::string(name);
  return "";
}

struct Install {
  std::string framework;
  std::string display;              // "torch==2.1.0"
  std::optional<Version> version;   // exact pin
  SourceRef ref;
  SourceRef command;                // the RUN (labels for requirement-file findings)
  bool upgrade = false;
  std::string release;              // equal for the same release (see same_release); "" unpinned
};

// Two versions are the same release when their release numbers and pre-release tags match
// (local build labels such as +cu121 aside).
std::string release_key(const Version& v) {
  std::string key = v.release_string();
  key += ' ';
  key += std::to_string(static_cast<int>(v.pre_kind()));
  key += '.';
  key += std::to_string(v.pre_number());
  return key;
}

std::vector<Install> installs_of(const StageModel& s) {
  std::vector<Install> out;
  for (const PythonPackage& p : s.python_packages) {
    std::string fw = framework_of(p.req.name);
    if (fw.empty() || p.uninstall) continue;
    if (p.file_index >= 0 && static_cast<size_t>(p.file_index) < s.files.size() && s.files[p.file_index].constraint) continue;
    Install i{fw, p.req.raw.empty() ? p.req.name : p.req.raw, std::nullopt, p.req.ref, p.command, p.options.upgrade, {}};
    if (p.req.exact_version) i.version = Version::parse(*p.req.exact_version);
    if (i.version) i.release = release_key(*i.version);
    out.push_back(std::move(i));
  }
  for (const CondaPackageUse& c : s.conda_packages) {
    std::string fw = framework_of(c.pkg.name);
    if (fw.empty()) continue;
    Install i{fw, c.pkg.raw, std::nullopt, c.pkg.ref, c.pkg.ref, false, {}};
    if (!c.pkg.version.empty() && c.pkg.version.find_first_of("<>*!,|") == std::string::npos)
      i.version = Version::parse(c.pkg.version);
    if (i.version) i.release = release_key(*i.version);
    out.push_back(std::move(i));
  }
  return out;
}

bool same_release(const Version& a, const Version& b) { return release_key(a) == release_key(b); }

// Per framework, in install order: answers "the first / the last earlier install with another
// release than R" in constant time (a stage may hold hundreds of installs).
class EarlierInstalls {
 public:
  void add(const Install* i) {
    if (!i->version) return;
    Track& t = tracks_[i->framework];
    if (t.first == nullptr) t.first = i;
    else if (t.first_other == nullptr && i->release != t.first->release) t.first_other = i;
    if (t.last != nullptr && i->release != t.last->release) t.last_other = t.last;
    t.last = i;
  }
  // The first install of i's framework with another release than i's.
  const Install* first_other(const Install& i) const {
    const Track* t = find(i);
    if (t == nullptr || t->first == nullptr) return nullptr;
    return t->first->release != i.release ? t->first : t->first_other;
  }
  // The last install of i's framework with another release than i's.
  const Install* last_other(const Install& i) const {
    const Track* t = find(i);
    if (t == nullptr || t->last == nullptr) return nullptr;
    return t->last->release != i.release ? t->last : t->last_other;
  }

 private:
  struct Track {
    const Install* first = nullptr;
    const Install* first_other = nullptr;  // first with a release other than first's
    const Install* last = nullptr;
    const Install* last_other = nullptr;   // last with a release other than last's
  };
  const Track* find(const Install& i) const {
    if (!i.version) return nullptr;
    auto it = tracks_.find(i.framework);
    return it == tracks_.end() ? nullptr : &it->second;
  }
  std::map<std::string, Track, std::less<>> tracks_;
};

class FrameworkReinstalled final : public Rule {
 public:
  void finish(const FileContext& ctx, Reporter& out) override {
    if (ctx.model == nullptr) return;
    const ImageModel& m = *ctx.model;
    for (const StageModel& s : m.stages) {
      std::vector<Install> mine = installs_of(s);
      if (mine.empty()) continue;
      const ImageFacts& f = s.facts;
      std::string image = s.base_ref ? s.base_ref->familiar() : s.base;
      if (s.parent) {  // the root external image of the chain
        const StageModel* r = &s;
        while (r->parent) r = &m.stages[*r->parent];
        image = r->base_ref ? r->base_ref->familiar() : r->base;
      }
      std::vector<Install> ancestors;
      for (std::optional<size_t> p = s.parent; p; p = m.stages[*p].parent) {
        std::vector<Install> a = installs_of(m.stages[*p]);
        ancestors.insert(ancestors.begin(), a.begin(), a.end());
      }
      EarlierInstalls in_ancestors;
      for (const Install& a : ancestors) in_ancestors.add(&a);
      EarlierInstalls in_stage;
      for (size_t k = 0; k < mine.size(); ++k) {
        const Install& i = mine[k];
        if (k > 0) in_stage.add(&mine[k - 1]);
        if (std::optional<std::string> msg = shipped_conflict(f, image, i)) {
          emit(ctx, out, i, *msg);
          continue;
        }
        // Installed twice with different versions in this image: the last such install of
        // an ancestor stage, else the first earlier one of this stage.
        const Install* prev = in_ancestors.last_other(i);
        if (prev == nullptr) prev = in_stage.first_other(i);
        if (prev == nullptr) continue;
        Diagnostic* d = emit(ctx, out, i,
                             "`" + i.display + "` installs " + i.framework + " " + i.version->str() + " although `" +
                                 prev->display + "` (line " + line_of(prev->ref) + ") already installed " +
                                 prev->version->str() + "; the image keeps whichever ran last");
        if (d != nullptr && prev->ref.source) d->labels.push_back({prev->ref.source, prev->ref.span, "first installed here"});
      }
    }
  }

 private:
  static std::string line_of(const SourceRef& r) {
    return r.source ? std::to_string(r.source->position(r.span.begin).line + 1) : "?";
  }

  static std::optional<std::string> shipped_conflict(const ImageFacts& f, const std::string& image, const Install& i) {
    bool ngc = (f.family == ImageFamily::kNgcPytorch && i.framework == "torch") ||
               (f.family == ImageFamily::kNgcTensorflow && i.framework == "tensorflow") ||
               (f.family == ImageFamily::kNgcJax && (i.framework == "jax" || i.framework == "jaxlib"));
    if (ngc) {
      std::optional<Fact<Version>> shipped = i.framework == "torch" ? f.torch : i.framework == "tensorflow" ? f.tensorflow : std::nullopt;
      std::string what = shipped ? i.framework + " " + shipped->value.str() : "its own " + i.framework + " build";
      return "`" + i.display + "` replaces NVIDIA's " + i.framework + " build: " + image + " already ships " + what +
             ", compiled against the container's CUDA/cuDNN/NCCL, and the container's extensions are built against " +
             "it; drop the install or choose the NGC release that ships the version you need";
    }
    std::optional<Fact<Version>> shipped;
    if (f.family == ImageFamily::kPytorch && i.framework == "torch") shipped = f.torch;
    if (f.family == ImageFamily::kTensorflow && i.framework == "tensorflow") shipped = f.tensorflow;
    if (!shipped || !i.version) return std::nullopt;
    if (same_release(shipped->value, *i.version)) {
      // Same release, another CUDA build: `torch==1.13.0+cu117` on an image built for CUDA 11.6.
      const std::string& label = i.version->local();
      if (label.empty() || !f.cuda || !label.starts_with("cu")) return std::nullopt;
      std::string image_variant = variant_from_cuda(f.cuda->value);
      if (image_variant.empty() || image_variant == label) return std::nullopt;
      return "`" + i.display + "` replaces the " + i.framework + " " + shipped->value.str() + " build for " +
             image_variant + " that " + image + " ships with the " + label + " build: the image then carries two " +
             "frameworks' layers; use the tag built for " + label + " or a CUDA base image";
    }
    return "`" + i.display + "` replaces the " + i.framework + " " + shipped->value.str() + " that " + image +
           " ships with " + i.framework + " " + i.version->str() + ": the image then carries two frameworks' layers; " +
           "use the tag for " + i.framework + " " + i.version->release_string() + " or a CUDA base image";
  }

  // Reports once per requirement (a requirement file installed by two stages is one finding).
  Diagnostic* emit(const FileContext& ctx, Reporter& out, const Install& i, const std::string& msg) {
    if (!seen_.insert({i.ref.source.get(), i.ref.span.begin}).second) return nullptr;
    if (i.ref.source == nullptr || i.ref.source == ctx.source) return &out.report(i.ref.span, msg);
    Diagnostic& d = out.report_in(i.ref.source, i.ref.span, msg);
    if (i.command.source) d.labels.push_back({i.command.source, i.command.span, "installed by this RUN"});
    return &d;
  }
  std::set<std::pair<const SourceFile*, uint32_t>> seen_;
};

}  // namespace

RuleEntry ml306_framework_reinstalled() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<FrameworkReinstalled>()); }};
}

}  // namespace dockml::rules
