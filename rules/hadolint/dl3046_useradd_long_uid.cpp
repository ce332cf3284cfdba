// DL3046 useradd-long-uid: useradd with a large UID without -l
#include <string>
#include <string_view>
#include <vector>
#include <cctype>
#include "analyzer/engine/rule.h"
#include "rules/hadolint/run_facts.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3046",
    .name = "useradd-long-uid",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kSometimes,
    .summary = "useradd with a large UID without -l",
    .doc = R"md(## What it does
Reports `useradd` with a UID of more than five digits (`-u`/`--uid`) and without `-l`
(`--no-log-init`).

## Why it matters
Without `-l`, useradd writes the user's entry into `/var/log/lastlog` and `faillog`, sparse
files indexed by UID. With a large UID the files' apparent size reaches gigabytes, and layers do not
keep them sparse: the image grows by that much.

## Example
```dockerfile
FROM ubuntu:22.04
RUN useradd -u 123456 app
```

## Use instead
```dockerfile
FROM ubuntu:22.04
RUN useradd -l -u 123456 app
```

## Fix safety
A safe fix inserts `-l` after `useradd`: it only skips the lastlog/faillog entries.

## References
- hadolint 2.15 source, `src/Hadolint/Rule/DL3046.hs`
- moby/moby issue #5419 (sparse lastlog in layers)
- hadolint rule DL3046: https://github.com/hadolint/hadolint/wiki/DL3046
)md",
};

class UseraddLongUid final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    const hl::RunFacts* rf = hl::run_facts(ctx, inst);
    if (rf == nullptr) return;
    for (const shell::ShellCommand& cmd : rf->script->commands) {
      if (cmd.name() != "useradd") continue;
      bool no_log = false;
      const shell::ShellWord* uid = nullptr;
      std::string uid_value;
      for (size_t i = 0; i < cmd.arg_count(); ++i) {
        const std::string& v = cmd.arg(i).value;
        if (v == "-l" || v == "--no-log-init") no_log = true;
        else if (v.size() > 1 && v[0] == '-' && v[1] != '-' && v.find('l') != std::string::npos &&
                 v.find_first_of("uUgGdksceKpbRPZ") == std::string::npos)
          no_log = true;  // bundled short flags such as -lm
        if ((v == "-u" || v == "--uid") && i + 1 < cmd.arg_count()) {
          uid = &cmd.arg(i + 1);
          uid_value = uid->value;
        } else if (v.starts_with("--uid=")) {
          uid = &cmd.arg(i);
          uid_value = v.substr(6);
        } else if (v.size() > 2 && v.starts_with("-u") && std::isdigit(static_cast<unsigned char>(v[2]))) {
          uid = &cmd.arg(i);
          uid_value = v.substr(2);
        }
      }
      if (no_log || uid == nullptr || uid_value.size() <= 5) continue;
      bool digits = true;
      for (char c : uid_value) digits = digits && std::isdigit(static_cast<unsigned char>(c));
      if (!digits) continue;
      Diagnostic& d = out.report(uid->span, "useradd with UID " + uid_value +
                                 " without -l writes a sparse lastlog of that size into the layer");
      const shell::ShellWord& name = cmd.argv[cmd.program];
      if (name.value == "useradd" || name.value.ends_with("/useradd"))
        d.fix = Fix{Applicability::kSafe, "Add -l (--no-log-init)", {Edit{Span{name.span.end, name.span.end}, " -l"}}};
    }
  }
};

}  // namespace

RuleEntry dl3046_useradd_long_uid() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<UseraddLongUid>()); }};
}

}  // namespace dockml::rules
