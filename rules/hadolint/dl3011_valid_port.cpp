// DL3011 valid-port: EXPOSE of a port outside 0-65535.
#include <string>

#include <fmt/format.h>

#include "analyzer/engine/rule.h"
#include "rules/hadolint/dl_common.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3011",
    .name = "valid-port",
    .severity = Severity::kError,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "Valid UNIX ports range from 0 to 65535",
    .doc = R"md(## What it does
Reports an `EXPOSE` port (or an end of a port range) above 65535. Ports given by a variable
are not judged.

## Why it matters
TCP and UDP ports are 16-bit numbers: Docker rejects the image configuration.

## Example
```dockerfile
EXPOSE 80800
```

## Use instead
```dockerfile
EXPOSE 8080
```

## Fix safety
No fix.

## References
- hadolint DL3011: https://github.com/hadolint/hadolint/wiki/DL3011
- Dockerfile reference, EXPOSE: https://docs.docker.com/reference/dockerfile/#expose
)md",
};

// Every decimal number in `s` (before any "/proto") exceeding 65535, as text.
std::string too_large(const std::string& word) {
  std::string ports = word.substr(0, word.find('/'));
  size_t i = 0;
  while (i < ports.size()) {
    if (ports[i] < '0' || ports[i] > '9') {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < ports.size() && ports[j] >= '0' && ports[j] <= '9') ++j;
    std::string num = ports.substr(i, j - i);
    std::string trimmed = num.substr(std::min(num.find_first_not_of('0'), num.size()));
    if (trimmed.size() > 5 || (trimmed.size() == 5 && trimmed > "65535")) return num;
    i = j;
  }
  return "";
}

class ValidPort final : public Rule {
 public:
  void check_instruction(const FileContext&, const Instruction& inst, Reporter& out) override {
    if (inst.kind != InstructionKind::kExpose) return;
    for (const Word& w : inst.args) {
      if (w.text.find('$') != std::string::npos) continue;
      std::string bad = too_large(w.text);
      if (bad.empty()) continue;
      out.report(w.span, fmt::format("port {} is outside the valid range 0-65535", bad));
    }
  }
};

}  // namespace

RuleEntry dl3011_valid_port() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<ValidPort>()); }};
}

}  // namespace dockml::rules
