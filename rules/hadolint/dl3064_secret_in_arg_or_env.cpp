// DL3064 secret-in-arg-or-env: An ARG or ENV name suggests it holds sensitive data
#include <algorithm>
#include <array>
#include <string>
#include <vector>
#include <fmt/format.h>
#include "analyzer/engine/rule.h"
#include "rules/hadolint/dl_common.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3064",
    .name = "secret-in-arg-or-env",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "An ARG or ENV name suggests it holds sensitive data",
    .doc = R"md(## What it does
Reports an `ARG` or `ENV` (also in `ONBUILD`) whose name is a well-known credential
(`AWS_SECRET_ACCESS_KEY`, `GITHUB_TOKEN`, `NPM_TOKEN`, `OPENAI_API_KEY`, …, hadolint's list) or
has a `_`/`-`/`.`-separated word `password`, `passwd`, `secret`, `token` or the pairs
`api key`, `client key`, `private key` (also written `apikey`). Unlike hadolint, words are matched
whole, so `TOKENIZERS_PARALLELISM` or `SECRETARY` are not reported, `username` and `private`
alone are not treated as secrets (`ARG USERNAME=vscode`), and names ending in `_FILE`, `_PATH`,
`_DIR`, `_URL` or `_URI` (a location of a secret, e.g. `/run/secrets/…`) are not reported, nor
are names set to a literal switch value (`TS_DISABLE_TOKEN_AUTHORIZATION=true`, `0`, `off`, …).

## Why it matters
ARG and ENV values are stored in the image metadata and history (`docker history`,
`docker inspect`): anyone who can pull the image can read them.

## Example
```dockerfile
FROM python:3.12-slim
ARG GITHUB_TOKEN
RUN pip install git+https://${GITHUB_TOKEN}@github.com/acme/private-lib.git@v1.2.0
```

## Use instead
```dockerfile
FROM python:3.12-slim
RUN --mount=type=secret,id=github_token,env=GITHUB_TOKEN \
    pip install git+https://${GITHUB_TOKEN}@github.com/acme/private-lib.git@v1.2.0
```

## Fix safety
No fix is offered: the build has to pass the secret with `--secret`.

## References
- hadolint 2.15 source, `src/Hadolint/Rule/DL3064.hs`
- https://docs.docker.com/build/building/secrets/
)md",
};

// hadolint's list of well-known credential variable names.
constexpr std::array<std::string_view, 48> kKnownNames = {
    "ACCESS_TOKEN", "APPLICATION_KEY", "APP_SECRET", "AUTH_TOKEN", "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY", "BITTREX_API_KEY", "BITTREX_API_SECRET", "CF_PASSWORD", "CF_USERNAME",
    "CIRCLE_TOKEN", "CI_DEPLOY_PASSWORD", "CI_DEPLOY_USER", "DOCKERHUB_PASSWORD", "DOCKER_EMAIL",
    "DOCKER_PASSWORD", "DOCKER_USERNAME", "FACEBOOK_ACCESS_TOKEN", "FACEBOOK_APP_ID",
    "FACEBOOK_APP_SECRET", "FIREBASE_API_TOKEN", "FIREBASE_TOKEN", "FOSSA_API_KEY",
    "GH_ENTERPRISE_TOKEN", "GH_TOKEN", "GITHUB_ENTERPRISE_TOKEN", "GITHUB_TOKEN", "HEROKU_API_KEY",
    "HEROKU_API_USER", "NPM_AUTH_TOKEN", "NPM_TOKEN", "OKTA_AUTHN_GROUPID", "OKTA_CLIENT_ORGURL",
    "OKTA_CLIENT_TOKEN", "OKTA_OAUTH2_CLIENTID", "OKTA_OAUTH2_CLIENTSECRET", "OPENAI_API_KEY",
    "OS_PASSWORD", "OS_USERNAME", "POSTGRES_PASSWORD", "SLACK_TOKEN", "STRIPE_API_KEY",
    "STRIPE_DEVICE_NAME", "TRAVIS_OS_NAME", "TRAVIS_SECURE_ENV_VARS", "TRAVIS_SUDO",
    "VAULT_CLIENT_KEY", "VAULT_TOKEN"};

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  return out;
}

// Why `name` looks like a secret, or "" when it does not.
std::string secret_reason(std::string_view name) {
  std::string up = upper(name);
  if (std::find(kKnownNames.begin(), kKnownNames.end(), up) != kKnownNames.end())
    return "is a well-known credential name";
  std::vector<std::string> words;
  std::string cur;
  for (char c : dl::lower(name)) {
    if (c == '_' || c == '-' || c == '.') {
      if (!cur.empty()) words.push_back(std::move(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) words.push_back(std::move(cur));
  if (words.empty()) return "";
  const std::string& last = words.back();
  if (words.size() > 1 && (last == "file" || last == "path" || last == "dir" || last == "url" || last == "uri"))
    return "";
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    if (w == "password" || w == "passwd" || w == "secret" || w == "token" || w == "apikey")
      return fmt::format("contains the word `{}`", w);
    if (i + 1 < words.size() && words[i + 1] == "key" && (w == "api" || w == "client" || w == "private"))
      return fmt::format("contains `{}_{}`", w, words[i + 1]);
  }
  return "";
}

// A literal on/off value (`TS_DISABLE_TOKEN_AUTHORIZATION=true`): a setting, not a secret.
bool is_switch(std::string_view raw) {
  std::string v = dl::lower(dl::unquote(raw));
  for (std::string_view s : {"true", "false", "yes", "no", "on", "off", "0", "1", "enabled", "disabled"})
    if (v == s) return true;
  return false;
}

class SecretInArgOrEnv final : public Rule {
 public:
  void check_instruction(const FileContext&, const Instruction& inst, Reporter& out) override {
    if (inst.kind != InstructionKind::kArg && inst.kind != InstructionKind::kEnv) return;
    for (const KeyValue& kv : inst.pairs) {
      std::string why = secret_reason(kv.key.text);
      if (why.empty() || is_switch(kv.value.text)) continue;
      out.report(kv.key.span, fmt::format("{} `{}` {}: its value is stored in the image metadata and "
                                          "history; pass it with `RUN --mount=type=secret` instead",
                                          inst.kind == InstructionKind::kArg ? "ARG" : "ENV", kv.key.text, why));
    }
  }
};

}  // namespace

RuleEntry dl3064_secret_in_arg_or_env() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<SecretInArgOrEnv>()); }};
}

}  // namespace dockml::rules
