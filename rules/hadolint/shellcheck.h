// Optional ShellCheck on RUN (`--shellcheck`, LintOptions::shellcheck). When the `shellcheck`
// program is on PATH, every shell-form RUN and ONBUILD RUN (and `RUN <<EOF` heredoc script) of
// a Dockerfile is written to a temporary file, preceded by a shebang for the RUN's shell and
// `export NAME=1` lines for the ARG/ENV names visible there (so SC2154 does not fire on them),
// and ONE shellcheck process checks them all (`--format=json1`; argv only, never a shell
// command line). Findings come back as `SCxxxx` diagnostics at the exact Dockerfile span
// (through continuation lines), with ShellCheck's level as severity. Exec-form RUNs, non-POSIX
// SHELLs (powershell, cmd) and heredocs run by another interpreter are skipped. Without the
// program nothing runs and nothing is reported.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analyzer/engine/rule.h"

namespace dockml::rules::hl {

// The shellcheck executable found on PATH ("" when there is none). Looked up once.
const std::string& shellcheck_path();

// True when `options` can keep any SCxxxx diagnostic (--select/--ignore allow SC codes).
bool shellcheck_selected(const LintOptions& options);

// One prepared script: what shellcheck reads, and how its lines map back.
struct ShellcheckInput {
  std::string file_text;        // shebang + exports + the script (shebang line blanked)
  uint32_t header_lines = 0;    // lines before the script's first line
  const void* script = nullptr; // the shell::ShellScript it came from
};

// Builds the inputs for every checkable RUN of the file (exposed for tests).
std::vector<ShellcheckInput> shellcheck_inputs(const FileContext& ctx);

// Runs shellcheck over the file's RUNs and appends SCxxxx diagnostics to `out`. An error
// (program missing, timeout, unreadable output) yields no diagnostics; its reason is returned.
std::optional<std::string> run_shellcheck(const FileContext& ctx, std::vector<Diagnostic>& out);

}  // namespace dockml::rules::hl
