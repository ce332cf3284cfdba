// ML301 model-weights-in-image: model weights copied into the image (COPY/ADD of *.safetensors,
// *.ckpt, ...) or downloaded by a RUN (hf download, snapshot_download, wget of a weight file,
// git lfs pull) without a cache or bind mount.
#include <cctype>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <re2/re2.h>

#include "analyzer/engine/rule.h"
#include "analyzer/model/image_model.h"
#include "rules/hadolint/run_facts.h"
#include "rules/regex_cache.h"
#include "rules/regex_gate.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "ML301",
    .name = "model-weights-in-image",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "model weights copied or downloaded into an image layer",
    .doc = R"md(## What it does
Reports model weights that end up in an image layer:
- `COPY`/`ADD` (from the build context or a URL) of weight files: `*.safetensors`, `*.ckpt`,
  `*.pt`, `*.pth`, `*.onnx`, `*.gguf`, `*.h5`, `*.engine`, and `*.bin` under a model
  directory (a path component such as `models`, `weights`, `checkpoints`, or a name like
  `pytorch_model.bin`);
- RUN downloads: `huggingface-cli download` / `hf download`, `snapshot_download`,
  `hf_hub_download` or `from_pretrained` in `python -c` (or a `python <<EOF` heredoc),
  `wget`/`curl` of a weight file or of a `huggingface.co/.../resolve/...` URL, `git lfs pull`,
  and `git clone` of a `huggingface.co` repository.

A RUN is not reported when a cache or bind mount covers where the weights go: the
`--local-dir`/`--cache-dir`/output path, or for downloads whose destination the command does
not say (`snapshot_download`, `from_pretrained`), a mount on the Hugging Face or torch cache
(`~/.cache/huggingface`, `HF_HOME`, `HF_HUB_CACHE`, `TRANSFORMERS_CACHE`, `TORCH_HOME`) or on a
model directory.

## Why it matters
Weights are gigabytes: every pull of the image, every node of a cluster and every rebuild
of the layer moves them again, and a new checkpoint means a new image. Images with weights
baked in also make licence-gated models (Llama, Gemma) redistributable by whoever can pull.

## Example
```dockerfile
COPY models/llama-2-7b.safetensors /models/
RUN huggingface-cli download meta-llama/Llama-2-7b-hf --local-dir /models/llama
```

## Use instead
```dockerfile
# mount the weights at run time: docker run -v /data/models:/models ...
# or download them at startup into a volume-backed cache (HF_HOME=/models/hf)
ENV HF_HOME=/models/hf
```

## Fix safety
No fix is offered: where the weights should live (volume, object store, startup download)
is a deployment decision.

## References
- Hugging Face Hub documentation, Download files (`hf download`, `snapshot_download`, cache
  location `HF_HOME` / `HF_HUB_CACHE`)
- Docker documentation, Volumes; RUN --mount=type=cache / type=bind
- ../shared/knowledge/failures.md (multi-gigabyte images with baked weights)
)md",
};

// Weight file names from the knowledge base (names.json weight_files): `*.<extension>`, and
// `*.bin` named after a bin stem or under a bin dir (a trailing `*` matches a prefix).
class WeightFiles {
 public:
  explicit WeightFiles(const KnowledgeBase* kb) {
    if (!kb) return;
    const WeightFileNames& names = kb->weight_file_names();
    auto alternation = [](const std::vector<std::string>& words) {
      std::string out;
      for (const std::string& w : words) {
        if (!out.empty()) out += '|';
        out += w.ends_with('*') ? RE2::QuoteMeta(w.substr(0, w.size() - 1)) + "[^/]*" : RE2::QuoteMeta(w);
      }
      return out;
    };
    for (const std::string& e : names.extensions) gates_.push_back(lower("." + e));
    gates_.push_back(".bin");
    pattern_ = "(?i)\\.(?:" + alternation(names.extensions) + ")$";
    if (!names.bin_stems.empty()) pattern_ += "|(?:^|/)(?:" + alternation(names.bin_stems) + ")[^/]*\\.bin$";
    if (!names.bin_dirs.empty()) pattern_ += "|(?:^|/)(?:" + alternation(names.bin_dirs) + ")/(?:[^/]+/)*[^/]+\\.bin$";
  }

  bool matches(std::string_view p) const {
    if (pattern_.empty()) return false;
    if (size_t q = p.find_first_of("?#"); q != std::string_view::npos) p = p.substr(0, q);
    // Every alternative ends with one of these extensions: most paths never compile the pattern.
    bool gate = false;
    for (const std::string& g : gates_) gate = gate || may_contain_folded(p, {g});
    return gate && RE2::PartialMatch(p, cached_regex(pattern_));
  }

 private:
  static std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  }
  std::vector<std::string> gates_;
  std::string pattern_;
};

std::string strip_quotes(std::string v) {
  if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front()) v = v.substr(1, v.size() - 2);
  return v;
}

class ModelWeightsInImage final : public Rule {
 public:
  void finish(const FileContext& ctx, Reporter& out) override {
    if (ctx.model == nullptr || ctx.dockerfile == nullptr) return;
    const ImageModel& m = *ctx.model;
    const auto& insts = ctx.dockerfile->instructions;
    for (size_t i = 0; i < insts.size(); ++i) {
      const Instruction& inst = insts[i];
      if (inst.kind == InstructionKind::kCopy || inst.kind == InstructionKind::kAdd) check_copy(ctx, inst, out);
      if (const RunAnalysis* run = m.run_at(i)) check_run(ctx, m, i, inst, *run, out);
    }
  }

 private:
  // Built on first use (rule objects are per file); the pattern is compiled once per process.
  const WeightFiles& weights(const FileContext& ctx) {
    if (!weights_) weights_.emplace(ctx.kb);
    return *weights_;
  }
  std::optional<WeightFiles> weights_;

  void check_copy(const FileContext& ctx, const Instruction& inst, Reporter& out) {
    if (inst.find_flag("from") != nullptr || inst.args.size() < 2 || !inst.heredocs.empty()) return;
    for (size_t a = 0; a + 1 < inst.args.size(); ++a) {
      const Word& w = inst.args[a];
      if (!weights(ctx).matches(strip_quotes(w.text))) continue;
      out.report(w.span, "`" + inst.keyword + " " + w.text + "` bakes model weights into an image layer; mount them " +
                             "at run time (volume or model cache) instead of shipping them in every pull");
    }
  }

  // The cache/bind mount targets of a RUN.
  static std::vector<std::string> mount_targets(const Instruction& run) {
    std::vector<std::string> t;
    for (const hl::Mount& mnt : hl::mounts(run))
      if ((mnt.type == "cache" || mnt.type == "bind" || mnt.type == "tmpfs") && !mnt.target.empty()) t.push_back(mnt.target);
    return t;
  }

  static bool covers(const std::string& target, std::string_view path) {
    std::string_view t = target;
    while (t.size() > 1 && t.ends_with('/')) t.remove_suffix(1);
    if (t.starts_with("~")) {  // any home
      t.remove_prefix(1);
      return path.find(t) != std::string_view::npos;
    }
    return path == t || (path.starts_with(t) && path.size() > t.size() && (path[t.size()] == '/' || t == "/"));
  }

  // True when a mount keeps downloads to `dest` (empty: the library's default cache) out of the layer.
  static bool mounted(const FileContext& ctx, const ImageModel& m, size_t at, const std::vector<std::string>& targets,
                      std::string_view dest) {
    if (targets.empty()) return false;
    if (!dest.empty() && dest.find('$') == std::string_view::npos) {
      for (const std::string& t : targets)
        if (covers(t, dest)) return true;
      return false;
    }
    static const RE2 kModelDir("(?i)huggingface|(?:^|/)hf(?:/|$)|torch|models?(?:/|$)|weights?|checkpoints?");
    std::vector<std::string> dirs = {"/root/.cache/huggingface", "/root/.cache/torch"};
    for (std::string_view name : {"HF_HOME", "HF_HUB_CACHE", "HUGGINGFACE_HUB_CACHE", "TRANSFORMERS_CACHE", "TORCH_HOME"}) {
      if (const VarBinding* b = m.scope.find(at, name); b != nullptr && b->known && !b->value.empty())
        dirs.push_back(b->value);
    }
    for (const std::string& t : targets) {
      if (RE2::PartialMatch(t, kModelDir)) return true;
      for (const std::string& d : dirs)
        if (covers(t, d)) return true;
    }
    (void)ctx;
    return false;
  }

  void check_run(const FileContext& ctx, const ImageModel& m, size_t at, const Instruction& inst, const RunAnalysis& run,
                 Reporter& out) {
    std::vector<std::string> targets = mount_targets(inst);
    const std::string tail = " puts model weights into this layer; mount them at run time (volume or model cache) or " +
                             std::string("download through a cache mount");
    for (const ModelDownload& d : run.facts.model_downloads) {
      std::string dest = !d.local_dir.empty() ? d.local_dir : d.cache_dir;
      if (d.repo_type == "dataset" || d.repo_type == "space" || mounted(ctx, m, at, targets, dest)) continue;
      out.report(d.repo_ref.span.empty() ? d.at.ref.span : d.repo_ref.span,
                 "`" + d.at.tool + " " + d.repo_id + "`" + tail);
    }
    for (const Download& d : run.facts.downloads) {
      for (size_t u = 0; u < d.urls.size(); ++u) {
        const std::string& url = d.urls[u];
        bool hf = url.find("huggingface.co/") != std::string::npos && url.find("/resolve/") != std::string::npos &&
                  url.find("/datasets/") == std::string::npos;
        if (!hf && !weights(ctx).matches(url)) continue;
        std::string dest = d.output == "-" ? "" : (!d.output.empty() ? d.output : d.output_dir);
        if (d.output == "-" || mounted(ctx, m, at, targets, dest.empty() ? "?" : dest)) continue;
        out.report(u < d.url_refs.size() ? d.url_refs[u].span : d.at.ref.span, "`" + d.at.tool + "` of " + url + tail);
      }
    }
    for (const GitClone& g : run.facts.git_clones) {
      static const RE2 kHfRepo("^(?:https?://)?(?:www\\.)?(?:huggingface\\.co|hf\\.co)/(?:[^/]+/)?[^/]+");
      if (!RE2::PartialMatch(g.url, kHfRepo) || g.url.find("/datasets/") != std::string::npos ||
          g.url.find("/spaces/") != std::string::npos)
        continue;
      const shell::ShellCommand& c = run.script.commands[g.at.command];
      const shell::ShellWord* smudge = run.script.env_word(c, "GIT_LFS_SKIP_SMUDGE");  // prefix, env or export
      bool skip_smudge = smudge && smudge->value == "GIT_LFS_SKIP_SMUDGE=1";
      if (skip_smudge || mounted(ctx, m, at, targets, g.directory.empty() ? "?" : g.directory)) continue;
      out.report(g.url_ref.span, "`git clone " + g.url + "` (a Hugging Face model repository, LFS weights included)" + tail);
    }
    for (const shell::ShellCommand& c : run.script.commands) check_command(ctx, m, at, inst, run, c, targets, tail, out);
  }

  void check_command(const FileContext& ctx, const ImageModel& m, size_t at, const Instruction& inst, const RunAnalysis& run,
                     const shell::ShellCommand& c, const std::vector<std::string>& targets, const std::string& tail,
                     Reporter& out) {
    std::string_view n = c.name();
    if (n == "git" && c.arg_count() >= 2 && c.arg(0).value == "lfs" && c.arg(1).value == "pull") {
      if (!mounted(ctx, m, at, targets, "")) out.report(c.span, "`git lfs pull`" + tail);
      return;
    }
    if (!(n.starts_with("python") || n == "py")) return;
    static const RE2 kCall("(snapshot_download|hf_hub_download|from_pretrained)\\s*\\(");
    for (size_t a = 0; a + 1 < c.arg_count(); ++a) {
      if (c.arg(a).value != "-c") continue;
      const shell::ShellWord& code = c.arg(a + 1);
      re2::StringPiece match;
      if (!RE2::PartialMatch(code.value, kCall, &match)) return;
      if (mounted(ctx, m, at, targets, "")) return;
      uint32_t b = static_cast<uint32_t>(match.data() - code.value.data());
      out.report(run.script.value_span(code, b, b + static_cast<uint32_t>(match.size())),
                 "`" + std::string(match) + "(...)` in `" + std::string(n) + " -c`" + tail);
      return;
    }
    for (const shell::Redirect& r : c.redirects) {
      if (!r.op.starts_with("<<") || r.op == "<<<") continue;
      for (const Heredoc& h : inst.heredocs) {
        re2::StringPiece match;
        if (!RE2::PartialMatch(h.body, kCall, &match)) continue;
        if (mounted(ctx, m, at, targets, "")) return;
        uint32_t b = h.body_span.begin + static_cast<uint32_t>(match.data() - h.body.data());
        Span s{b, b + static_cast<uint32_t>(match.size())};
        if (h.chomp_tabs) s = h.body_span;  // tabs were stripped: offsets no longer map
        out.report(s, "`" + std::string(match) + "(...)` in a `" + std::string(n) + "` heredoc" + tail);
        return;
      }
    }
  }
};

}  // namespace

RuleEntry ml301_model_weights_in_image() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<ModelWeightsInImage>()); }};
}

}  // namespace dockml::rules
