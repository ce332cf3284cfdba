// Shared helpers of the recognisers (not for rules).
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/shell/recognize.h"

namespace dockml::shell::detail {

// One recogniser call: the command being looked at and where facts go.
struct Recog {
  const ShellScript& script;
  const ShellCommand& cmd;
  uint32_t index;
  const SourcePtr& source;
  InstallFacts& out;

  SourceRef ref(const ShellWord& w) const { return SourceRef{source, w.span}; }
  // The span of value[b, e) of argv word `word`.
  SourceRef ref(const ShellWord& w, uint32_t b, uint32_t e) const {
    return SourceRef{source, script.value_span(w, b, e)};
  }
  CommandRef at(std::string tool) const {
    return CommandRef{index, std::move(tool), SourceRef{source, cmd.span}};
  }
};

// An argument after option scanning.
struct Arg {
  bool option = false;        // true: an option (`name` set); false: a positional word
  std::string name;           // "-r", "--index-url" (without "=value")
  std::string value;          // the option's value or the positional word's value
  bool has_value = false;
  uint32_t word = 0;          // argv index of the option / positional word
  uint32_t value_word = 0;    // argv index holding the value
  uint32_t value_offset = 0;  // offset of the value inside that word's value
};

struct OptionTable {
  std::vector<std::string_view> with_value;  // options that take a value
  bool single_dash_long = false;  // `-ldflags x` (go): no short-option bundling
};

// Scans argv[from, to) into options and positionals. Understands `--opt=value`,
// `--opt value`, `-o value`, `-ovalue`, bundles like `-fsSLo file`, and `--`.
std::vector<Arg> scan_args(const ShellCommand& cmd, uint32_t from, uint32_t to,
                           const OptionTable& table);

// SourceRef of an Arg's value.
SourceRef value_ref(const Recog& r, const Arg& a);

bool is_any(std::string_view v, std::initializer_list<std::string_view> options);

// Family entry points (return true when the command was recognised).
bool recognize_pip(const Recog& r);     // pip*, python* -m pip, uv, pipx
bool recognize_conda(const Recog& r);   // conda, mamba, micromamba
bool recognize_system(const Recog& r);  // apt-get, apt, apk, yum, dnf, microdnf, zypper
bool recognize_lang(const Recog& r);    // npm, yarn, pnpm, gem, go
bool recognize_fetch(const Recog& r);   // curl, wget, git, huggingface-cli, hf, rm

}  // namespace dockml::shell::detail
