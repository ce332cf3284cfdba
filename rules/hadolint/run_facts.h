// Shared access to the parsed shell of a RUN (or ONBUILD RUN) for the hadolint DL rules.
// The shell of each RUN is parsed ONCE per file and shared by every rule: run_facts() takes the
// parse from the image model when present (FileContext::model, see analyzer/model/image_model.h)
// and otherwise parses once (shell::parse_run + shell::recognize) and caches the result per
// instruction for the file being linted. This is the only place the DL rules parse shell.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "analyzer/engine/rule.h"
#include "analyzer/model/install_facts.h"
#include "analyzer/shell/shell.h"

namespace dockml::rules::hl {

struct RunFacts {
  const Instruction* run = nullptr;   // the RUN (the trigger for ONBUILD RUN)
  const shell::ShellScript* script = nullptr;
  const InstallFacts* facts = nullptr;
  std::vector<std::string> shell;     // the SHELL argv in effect for this RUN
};

// The RUN an instruction runs: `inst` itself for RUN, the trigger for ONBUILD RUN, else null.
const Instruction* as_run(const Instruction& inst);

// The parsed RUN of `inst` (see as_run), or nullptr when `inst` is not a RUN / ONBUILD RUN.
// The pointer stays valid while the file is being linted.
const RunFacts* run_facts(const FileContext& ctx, const Instruction& inst);

// A `--mount` of the RUN: type (default "bind") and target (`target`/`dst`/`destination`).
struct Mount {
  std::string type;
  std::string target;
};
std::vector<Mount> mounts(const Instruction& run);
// True when a cache or tmpfs mount covers `path` (target equals `path` or is a parent of it,
// or `path` is a parent of the target when `or_below` is set). `~` targets match any home.
bool cache_mount_covers(const Instruction& run, std::string_view path, bool or_below = true);

// True when the RUN removes `dir` or its contents (`rm -rf DIR`, `DIR/`, `DIR/*`, a parent).
bool removes_dir(const InstallFacts& facts, std::string_view dir);

// The argument word of `cmd` whose value equals `value` (e.g. the "install" subcommand).
const shell::ShellWord* find_arg(const shell::ShellCommand& cmd, std::string_view value);

// An edit appending `&& COMMAND` to the end of a shell-form RUN, following its layout: on a
// continued RUN a new line with the last line's indentation, `&& \` at line ends or `&&` at
// line starts as the RUN does. nullopt when the RUN is exec form, has heredocs, holds a shell
// comment or does not end with a plain command (trailing `;`, `&`, `|`).
std::optional<Edit> append_command(const FileContext& ctx, const Instruction& run, std::string_view command);

}  // namespace dockml::rules::hl
