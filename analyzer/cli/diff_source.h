// Pull-request mode for `dockml check`: obtains the diff (`git diff` against --diff-base, or a
// patch file) and keeps only diagnostics whose span touches an added or changed line.
#pragma once

#include <string>
#include <vector>

#include "analyzer/diag/diagnostic.h"
#include "analyzer/diff/diff_filter.h"

namespace dockml {

struct DiffScope {
  DiffChanges changes;
  std::string repo_root;  // absolute, canonical; diff paths are relative to it
};

// Loads the diff for `paths` (the linted paths; their first one locates the repository).
// Exactly one of diff_base / diff_file is non-empty. Returns false with a one-line `error`
// (unknown revision, not a git repository, unreadable patch, git missing).
bool load_diff_scope(const std::string& diff_base, const std::string& diff_file,
                     const std::vector<std::string>& paths, DiffScope& scope, std::string& error);

// True when the diagnostic's primary span touches a changed line of its file.
bool in_diff_scope(const DiffScope& scope, const Diagnostic& d);

}  // namespace dockml
