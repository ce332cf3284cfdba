// ML401 ml-secret-in-build: ML service credentials baked into the build: token literals
// (hf_..., sk-..., nvapi-...) anywhere in the file, values of ML credential variables set by
// ENV/ARG, and ML credential build args consumed by RUN commands. Division with BK016: BK016
// reports the secret-looking NAME of an ARG/ENV; ML401 never reports that name token and
// points at the secret material instead (the value, the literal, the RUN that consumes it).
#include <cctype>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <re2/re2.h>

#include "analyzer/engine/rule.h"
#include "analyzer/model/image_model.h"
#include "rules/regex_cache.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "ML401",
    .name = "ml-secret-in-build",
    .severity = Severity::kError,
    .enabled_by_default = true,
    .fix = FixAvailability::kSometimes,
    .summary = "ML service credential (Hugging Face, W&B, OpenAI, NGC, ...) baked into the build; use RUN --mount=type=secret",
    .doc = R"md(## What it does
Reports ML service credentials that reach the image or its build history:
- token literals anywhere in the file: Hugging Face (`hf_` + 30 or more characters), OpenAI
  and Anthropic (`sk-...`, `sk-ant-...`), NVIDIA (`nvapi-...`), Replicate (`r8_...`),
  Groq (`gsk_...`); strings without both letters and digits are taken for placeholders;
- the value given to an ML credential variable by `ENV` or an `ARG` default (`HF_TOKEN`,
  `HUGGING_FACE_HUB_TOKEN`, `WANDB_API_KEY`, `OPENAI_API_KEY`, `ANTHROPIC_API_KEY`,
  `NGC_API_KEY`, `KAGGLE_KEY`, `COMET_API_KEY`, `NEPTUNE_API_TOKEN`, ...), including
  `ENV HF_TOKEN=${HF_TOKEN}`, which copies a build argument into the image config; empty
  values and obvious placeholders (`EMPTY`, `dummy`, `your-key-here`, ...) are not reported;
- a RUN that consumes an ML credential build argument: a `$HF_TOKEN` reference, or a
  Hugging Face download while an HF token ARG is in scope. Not reported when the RUN gets
  the variable from a secret mount (`--mount=type=secret,...,env=HF_TOKEN`).

Division with BK016 (SecretsUsedInArgOrEnv): BK016 reports the secret-looking *name* of an
`ARG`/`ENV` (`ARG HF_TOKEN`); ML401 never reports that name and points at the secret
*material*: the value, the literal, or the RUN that consumes the build argument. An `ARG
HF_TOKEN` that nothing uses is BK016's finding only.

## Why it matters
ENV values are stored in the image config (`docker inspect`); build-argument values are
recorded in the image history (`docker history`) and in provenance attestations; literals in
the Dockerfile end up in the repository and the layer history. Anyone who can pull the image
can then use the token: download gated models, push to the hub, spend the API budget.

## Example
```dockerfile
ARG HF_TOKEN
RUN huggingface-cli download --token $HF_TOKEN meta-llama/Llama-2-7b-hf
ENV WANDB_API_KEY=0123456789abcdef0123456789abcdef01234567
```

## Use instead
```dockerfile
RUN --mount=type=secret,id=hf_token,env=HF_TOKEN \
    huggingface-cli download meta-llama/Llama-2-7b-hf
# docker build --secret id=hf_token,env=HF_TOKEN .
# pass WANDB_API_KEY at run time: docker run -e WANDB_API_KEY ...
```

## Fix safety
The fix is display-only: for a RUN that consumes a build argument it shows the RUN with a
`--mount=type=secret,id=<name>,env=<NAME>` flag; the build command must also pass
`--secret`, and the ARG must go, so nothing is applied automatically.

## References
- Docker documentation, Build secrets (`RUN --mount=type=secret`, `env=` option) and the
  ARG warning: build arguments are visible in `docker history` and provenance attestations
- Hugging Face Hub documentation, User access tokens (`hf_` prefix), environment variables
  (`HF_TOKEN`, `HUGGING_FACE_HUB_TOKEN`)
- W&B, OpenAI, Anthropic, NVIDIA NGC documentation of their API key variables
- rules/buildkit/bk016_secrets_used_in_arg_or_env.cpp (the name-based check)
)md",
};

// ML service credential variables, matched without regard to case.
constexpr std::string_view kCredentialNames[] = {
    "HF_TOKEN", "HF_API_TOKEN", "HF_HUB_TOKEN", "HF_AUTH_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HUGGINGFACE_HUB_TOKEN",
    "HUGGINGFACEHUB_API_TOKEN", "HUGGINGFACE_TOKEN", "HUGGING_FACE_TOKEN", "WANDB_API_KEY", "OPENAI_API_KEY",
    "AZURE_OPENAI_API_KEY", "ANTHROPIC_API_KEY", "NGC_API_KEY", "NGC_CLI_API_KEY", "NVIDIA_API_KEY", "KAGGLE_KEY",
    "COMET_API_KEY", "NEPTUNE_API_TOKEN", "COHERE_API_KEY", "CO_API_KEY", "REPLICATE_API_TOKEN", "MISTRAL_API_KEY",
    "GROQ_API_KEY", "GEMINI_API_KEY", "TOGETHER_API_KEY", "DEEPSEEK_API_KEY", "OPENROUTER_API_KEY", "FIREWORKS_API_KEY",
    "LANGCHAIN_API_KEY", "LANGSMITH_API_KEY", "PINECONE_API_KEY", "ROBOFLOW_API_KEY", "CLEARML_API_SECRET_KEY",
    "MLFLOW_TRACKING_PASSWORD", "MLFLOW_TRACKING_TOKEN", "DATABRICKS_TOKEN", "MODELSCOPE_API_TOKEN"};

// ASCII names are compared with the list directly (a case-insensitive RE2 alternation of the
// names cost ~2M instructions to compile in every process); other names go to that pattern,
// built from the same list on first use, for RE2's Unicode case folding (KELVIN SIGN is k).
bool is_ml_credential(std::string_view name) {
  bool ascii = true;
  for (char c : name) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii) {
    for (std::string_view n : kCredentialNames) {
      if (n.size() != name.size()) continue;
      size_t i = 0;
      while (i < n.size() && std::toupper(static_cast<unsigned char>(name[i])) == n[i]) ++i;
      if (i == n.size()) return true;
    }
    return false;
  }
  static const RE2 kNames([] {
    std::string alternation = "(?i)";
    for (std::string_view n : kCredentialNames) {
      if (alternation.size() > 4) alternation += '|';
      alternation += n;
    }
    return alternation;
  }());
  return RE2::FullMatch(name, kNames);
}

bool placeholder(std::string_view v) {
  static const RE2 kPlaceholder(
      "(?i)|empty|none|null|nil|dummy|fake|test|testing|changeme|change_me|placeholder|secret|token|key|"
      "x+|\\*+|-+|0|false|true|not[-_]?needed|unused|no[-_]?key|sk-no-key-required|"
      "(?:your|my|insert|put|add|enter)[-_ ].*|<.*>|\\[.*\\]|\\.\\.\\.|xxx.*");
  return RE2::FullMatch(v, kPlaceholder);
}

std::string strip_quotes(std::string v) {
  if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front()) v = v.substr(1, v.size() - 2);
  return v;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Options of the RUN's secret mounts: env names they set.
std::vector<std::string> secret_envs(const Instruction& run) {
  std::vector<std::string> envs;
  for (const Flag& f : run.flags) {
    if (f.name != "mount" || f.value.find("type=secret") == std::string::npos) continue;
    std::string_view v = f.value;
    size_t p = 0;
    while (p <= v.size()) {
      size_t comma = v.find(',', p);
      std::string_view kv = v.substr(p, comma == std::string_view::npos ? std::string_view::npos : comma - p);
      if (kv.starts_with("env=")) envs.emplace_back(kv.substr(4));
      if (comma == std::string_view::npos) break;
      p = comma + 1;
    }
  }
  return envs;
}

class MlSecretInBuild final : public Rule {
 public:
  void finish(const FileContext& ctx, Reporter& out) override {
    if (ctx.source == nullptr) return;
    scan_literals(ctx, out);
    if (ctx.dockerfile == nullptr || ctx.model == nullptr) return;
    const auto& insts = ctx.dockerfile->instructions;
    for (size_t i = 0; i < insts.size(); ++i) {
      const Instruction& inst = insts[i];
      if (inst.kind == InstructionKind::kEnv || inst.kind == InstructionKind::kArg) check_values(inst, out);
      if (const RunAnalysis* run = ctx.model->run_at(i)) check_run(ctx, i, inst, *run, out);
    }
  }

 private:
  std::set<uint32_t> reported_;  // start offsets already reported

  bool overlaps_reported(Span s) const {
    auto it = reported_.lower_bound(s.begin);
    return it != reported_.end() && *it < s.end;
  }

  void scan_literals(const FileContext& ctx, Reporter& out) {
    // Every token starts with one of these literals: without one the pattern cannot match,
    // and most files never compile it.
    // The token formats come from the knowledge base (names.json secret_tokens), in file
    // order: a longer prefix (sk-ant-) is listed before a shorter one (sk-).
    std::string_view text = ctx.source->text();
    if (!ctx.kb) return;
    const std::vector<SecretTokenFormat>& formats = ctx.kb->secret_token_formats();
    bool any = false;
    for (const SecretTokenFormat& f : formats) any = any || text.find(f.prefix) != std::string_view::npos;
    if (!any) return;
    std::string alternatives;
    for (const SecretTokenFormat& f : formats) {
      if (!alternatives.empty()) alternatives += '|';
      alternatives += RE2::QuoteMeta(f.prefix) + (f.dash_underscore ? "[A-Za-z0-9_-]" : "[A-Za-z0-9]") + "{" +
                      std::to_string(f.min_length) + ",}";
    }
    const RE2& kToken = cached_regex("((?:^|[^A-Za-z0-9_-])(" + alternatives + "))");
    re2::StringPiece input(text.data(), text.size());
    re2::StringPiece whole, token;
    while (RE2::FindAndConsume(&input, kToken, &whole, &token)) {
      std::string_view t(token.data(), token.size());
      bool letter = false, digit = false;
      for (char c : t) {
        letter = letter || std::isalpha(static_cast<unsigned char>(c));
        digit = digit || std::isdigit(static_cast<unsigned char>(c));
      }
      if (!letter || !digit) continue;
      auto b = static_cast<uint32_t>(token.data() - text.data());
      Span span{b, b + static_cast<uint32_t>(t.size())};
      const SecretTokenFormat* format = nullptr;  // the longest prefix the token starts with
      for (const SecretTokenFormat& f : formats)
        if (t.starts_with(f.prefix) && (!format || f.prefix.size() > format->prefix.size())) format = &f;
      if (!format) continue;
      const std::string& service = format->service;
      reported_.insert(span.begin);
      std::string article = format->article + " ";
      Diagnostic& d = out.report(span, article + service + " is written in the Dockerfile (`" + std::string(t.substr(0, 6)) +
                                           "...`): it ends up in the repository and the image history; revoke it and " +
                                           "pass it with `RUN --mount=type=secret`");
      d.notes.push_back("docker build --secret id=<id>,env=<NAME> ... and RUN --mount=type=secret,id=<id>,env=<NAME> <command>");
    }
  }

  void check_values(const Instruction& inst, Reporter& out) {
    for (const KeyValue& kv : inst.pairs) {
      if (!is_ml_credential(kv.key.text) || kv.value.span.empty() || overlaps_reported(kv.value.span)) continue;
      std::string v = strip_quotes(kv.value.text);
      if (placeholder(v)) continue;
      std::string kw = inst.kind == InstructionKind::kEnv ? "ENV" : "ARG";
      std::string msg;
      if (v.find('$') != std::string::npos) {
        if (inst.kind == InstructionKind::kArg) continue;  // ARG X=$Y: the ARG's own value is BK016's name finding
        msg = "`ENV " + kv.key.text + "=" + kv.value.text + "` copies the credential into the image config, where " +
              "`docker inspect` shows it to anyone who can pull the image; pass it with `RUN --mount=type=secret` " +
              "for build steps and `docker run -e " + kv.key.text + "` at run time";
      } else {
        msg = "`" + kw + " " + kv.key.text + "` is given a credential value in the Dockerfile; it is stored in the " +
              (inst.kind == InstructionKind::kEnv ? std::string("image config") : std::string("image history")) +
              " and the repository; pass it with `RUN --mount=type=secret` (build) or `docker run -e` (run time)";
      }
      reported_.insert(kv.value.span.begin);
      out.report(kv.value.span, std::move(msg));
    }
  }

  void check_run(const FileContext& ctx, size_t at, const Instruction& inst, const RunAnalysis& run, Reporter& out) {
    std::vector<std::string> mounted = secret_envs(inst);
    auto from_secret = [&](const std::string& name) {
      for (const std::string& e : mounted)
        if (e == name) return true;
      return false;
    };
    // Explicit $NAME references to an ML credential build argument.
    for (const shell::ShellCommand& c : run.script.commands) {
      for (const shell::ShellWord& w : c.argv) {
        size_t p = w.raw.find('$');
        while (p != std::string::npos) {
          size_t b = p + 1 + (p + 1 < w.raw.size() && w.raw[p + 1] == '{' ? 1 : 0);
          size_t e = b;
          while (e < w.raw.size() && (std::isalnum(static_cast<unsigned char>(w.raw[e])) || w.raw[e] == '_')) ++e;
          std::string name = w.raw.substr(b, e - b);
          p = w.raw.find('$', e);
          const VarBinding* v = is_ml_credential(name) ? ctx.model->scope.find(at, name) : nullptr;
          if (v == nullptr || from_secret(name)) continue;
          if (v->origin != VarBinding::Origin::kArg && v->origin != VarBinding::Origin::kGlobalArg) continue;
          report_use(inst, w.span, name, "`$" + name + "` passes the build argument " + name +
                                             " to this RUN: its value is recorded in the image history (`docker history`) " +
                                             "and provenance; use a secret mount instead",
                     out);
          return;
        }
      }
    }
    // Hugging Face downloads read HF_TOKEN from the environment, where a build arg puts it.
    for (const ModelDownload& d : run.facts.model_downloads) {
      for (std::string_view name : {"HF_TOKEN", "HUGGING_FACE_HUB_TOKEN"}) {
        const VarBinding* v = ctx.model->scope.find(at, name);
        if (v == nullptr || from_secret(std::string(name)) || v->instruction == kNoInstruction) continue;
        if (v->origin != VarBinding::Origin::kArg) continue;
        report_use(inst, d.at.ref.span, std::string(name),
                   "`" + d.at.tool + "` reads " + std::string(name) + " from the build argument declared on line " +
                       std::to_string(ctx.source->position(v->span.begin).line + 1) +
                       ": its value is recorded in the image history (`docker history`); use a secret mount instead",
                   out);
        return;
      }
    }
  }

  void report_use(const Instruction& inst, Span span, const std::string& name, std::string msg, Reporter& out) {
    if (overlaps_reported(span)) return;
    reported_.insert(span.begin);
    Diagnostic& d = out.report(span, std::move(msg));
    if (inst.kind == InstructionKind::kRun && !inst.keyword_span.empty()) {
      std::string id = lower(name);
      d.fix = Fix{Applicability::kDisplay,
                  "Pass " + name + " with a secret mount (docker build --secret id=" + id + ",env=" + name + ")",
                  {Edit{Span{inst.keyword_span.end, inst.keyword_span.end},
                        " --mount=type=secret,id=" + id + ",env=" + name}}};
    }
  }
};

}  // namespace

RuleEntry ml401_ml_secret_in_build() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<MlSecretInBuild>()); }};
}

}  // namespace dockml::rules
