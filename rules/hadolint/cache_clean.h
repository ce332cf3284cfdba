// Shared check of the hadolint "clean the package cache" rules for rpm-style package managers
// (DL3032 yum, DL3036 zypper, DL3040 dnf/microdnf/tdnf): an install in a RUN of a shipped stage
// without the tool's clean command, removal of its cache directory, or a cache/tmpfs mount on it.
#pragma once

#include <string_view>
#include <vector>

#include "analyzer/engine/rule.h"
#include "rules/hadolint/shipped_stages.h"

namespace dockml::rules::hl {

struct CleanPolicy {
  std::vector<std::string_view> tools;        // "dnf", "microdnf", "tdnf"
  std::vector<std::string_view> subcommands;  // installs that fill the cache ("install", ...)
  std::vector<std::string_view> cache_dirs;   // removing or mounting one of these cleans it
  std::string_view clean_what;                // CacheClean::what required ("all"); "" = any clean
  std::string_view cache_shown;               // where the cache is, for the message
  std::string_view clean_command;             // "clean all", appended to the tool in the message
};

// Per-file state: findings are deferred until finish() to drop those of unshipped stages.
class CacheCleanCheck {
 public:
  explicit CacheCleanCheck(const CleanPolicy& policy) : policy_(policy) {}
  void check_instruction(const FileContext& ctx, const Instruction& inst);
  void finish(Reporter& out) { stages_.flush(out); }

 private:
  const CleanPolicy& policy_;
  ShippedStages stages_;
};

}  // namespace dockml::rules::hl
