// BK016 secrets-used-in-arg-or-env (BuildKit SecretsUsedInArgOrEnv): an ARG or ENV whose name
// says it holds a secret.
#include <string>

#include <re2/re2.h>

#include "analyzer/engine/rule.h"
#include "rules/buildkit/bk_util.h"
#include "rules/regex_gate.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "BK016",
    .name = "secrets-used-in-arg-or-env",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "Sensitive data should not be used in the ARG or ENV commands",
    .doc = R"md(## What it does
Reports an `ARG` or `ENV` whose name contains, as a `_`-separated word (any casing), one of
`apikey`, `auth`, `credential(s)`, `key`, `password`, `pass`, `pword`, `passwd`, `secret` or
`token`, unless the name also contains the word `public` (BuildKit's
`SecretsUsedInArgOrEnv` check; ML401 covers ML service credentials by name and value).

## Why it matters
ARG and ENV values are stored in the image metadata and history (`docker history`,
`docker inspect`): anyone who can pull the image can read them.

## Example
```dockerfile
ARG HF_TOKEN
RUN huggingface-cli download --token $HF_TOKEN meta-llama/Llama-2-7b
```

## Use instead
```dockerfile
RUN --mount=type=secret,id=hf_token,env=HF_TOKEN huggingface-cli download meta-llama/Llama-2-7b
```

## Fix safety
No fix is offered: the build has to be changed to pass the secret with `--secret`.

## References
- https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/
- https://docs.docker.com/build/building/secrets/
)md",
    .alias = "SecretsUsedInArgOrEnv",
};

class SecretsUsedInArgOrEnv final : public Rule {
 public:
  void check_instruction(const FileContext&, const Instruction& inst, Reporter& out) override {
    if (inst.kind != InstructionKind::kArg && inst.kind != InstructionKind::kEnv) return;
    // Every word kSecret matches holds one of these: most names never compile the patterns.
    auto may_be_secret = [](std::string_view key) {
      return may_contain_folded(key, {"key", "auth", "credential", "pass", "pword", "secret", "token"});
    };
    for (const KeyValue& kv : inst.pairs) {
      if (!may_be_secret(kv.key.text)) continue;
      static const RE2 kSecret("(?i)(?:_|^)(?:apikey|auth|credential|credentials|key|password|pass|pword|passwd|secret|token)(?:_|$)");
      static const RE2 kAllow("(?i)(?:_|^)public(?:_|$)");
      if (!RE2::PartialMatch(kv.key.text, kSecret) || RE2::PartialMatch(kv.key.text, kAllow)) continue;
      out.report(kv.key.span, "Do not use ARG or ENV instructions for sensitive data (" + bk::to_upper(inst.keyword) +
                                  " \"" + kv.key.text + "\")");
    }
  }
};

}  // namespace

RuleEntry bk016_secrets_used_in_arg_or_env() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<SecretsUsedInArgOrEnv>()); }};
}

}  // namespace dockml::rules
