// BK014 invalid-base-image-platform (BuildKit InvalidBaseImagePlatform), statically decidable
// part: a FROM --platform whose (expanded) value is not a valid platform string.
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "analyzer/dockerfile/expand.h"
#include "analyzer/engine/rule.h"
#include "rules/buildkit/bk_util.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "BK014",
    .name = "invalid-base-image-platform",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "Base image platform does not match the expected target platform",
    .doc = R"md(## What it does
BuildKit's `InvalidBaseImagePlatform` reports a base image that was pulled for another
platform than the one asked for. That needs the image's manifest from a registry, which dockml
does not contact; this rule reports the part that can be decided from the file: a
`FROM --platform=<value>` whose value (after expanding known ARG values) is not a platform at
all: more than three `/`-separated parts, an empty part, or an OS or architecture that
Docker does not know (`linux/amd65`, `linux/x64`, `ubuntu/amd64`). Architecture aliases that
Docker normalises (`x86_64`, `aarch64`, `armhf`, `i386`, ...) are accepted. Values depending
on an unknown variable are not checked.

## Why it matters
The build pulls nothing for such a platform: it fails when it reaches that stage, after the
context upload and possibly after a long build of the other stages.

## Example
```dockerfile
FROM --platform=linux/x64 python:3.11-slim
```

## Use instead
```dockerfile
FROM --platform=linux/amd64 python:3.11-slim
```

## Fix safety
No fix is offered: the intended platform is not known.

## References
- https://docs.docker.com/reference/build-checks/invalid-base-image-platform/
- OCI image index, platform `os`/`architecture` values (GOOS/GOARCH):
  https://github.com/opencontainers/image-spec/blob/main/image-index.md
)md",
    .alias = "InvalidBaseImagePlatform",
};

constexpr std::array<std::string_view, 14> kOs = {
    "aix", "android", "darwin", "dragonfly", "freebsd", "illumos", "ios", "js",
    "linux", "netbsd", "openbsd", "plan9", "solaris", "windows"};
constexpr std::array<std::string_view, 31> kArch = {
    "386", "amd64", "amd64p32", "arm", "armbe", "arm64", "arm64be", "ppc64", "ppc64le",
    "loong64", "mips", "mipsle", "mips64", "mips64le", "mips64p32", "mips64p32le", "ppc", "riscv",
    "riscv64", "s390", "s390x", "sparc", "sparc64", "wasm",
    // aliases normalised by Docker's platform parser
    "x86_64", "x86-64", "aarch64", "armhf", "armel", "i386", "i686"};

template <size_t N>
bool in(const std::array<std::string_view, N>& list, std::string_view v) {
  for (std::string_view x : list) if (x == v) return true;
  return false;
}

// Why `p` is not a platform, or nullopt when it is one.
std::optional<std::string> platform_problem(std::string_view p) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    size_t slash = p.find('/', start);
    parts.emplace_back(p.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  if (parts.size() > 3) return "more than three '/'-separated parts";
  for (const std::string& part : parts) if (part.empty()) return "an empty part";
  std::string first = bk::to_lower(parts[0]);
  if (parts.size() == 1) {
    if (in(kOs, first) || in(kArch, first)) return std::nullopt;
    return "unknown OS or architecture \"" + parts[0] + "\"";
  }
  if (!in(kOs, first)) return "unknown OS \"" + parts[0] + "\"";
  if (!in(kArch, bk::to_lower(parts[1]))) return "unknown architecture \"" + parts[1] + "\"";
  return std::nullopt;
}

class InvalidBaseImagePlatform final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    if (inst.kind != InstructionKind::kFrom) return;
    const Flag* f = inst.find_flag("platform");
    size_t idx = bk::index_of(ctx, inst);
    if (f == nullptr || !f->has_value || idx == bk::kNoIndex) return;
    const BuildScope& scope = bk::scope_of(ctx, scope_);
    ExpandResult r = expand_word(f->value, scope.lookup_at(idx), ctx.dockerfile->escape);
    if (!r.ok() || !r.exact) return;
    std::optional<std::string> problem = platform_problem(r.value);
    if (!problem) return;
    std::string shown = r.value == f->value ? "\"" + f->value + "\"" : "\"" + f->value + "\" (\"" + r.value + "\")";
    std::string image = inst.args.empty() ? std::string("the base image") : "base image \"" + inst.args[0].text + "\"";
    out.report(f->value_span, "Platform " + shown + " of " + image + " is not a valid platform: " + *problem);
  }

 private:
  std::optional<BuildScope> scope_;
};

}  // namespace

RuleEntry bk014_invalid_base_image_platform() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<InvalidBaseImagePlatform>()); }};
}

}  // namespace dockml::rules
