// Shared check of the hadolint rules that ask for one flag on a package-manager command:
// DL3014 (apt-get -y), DL3015 (--no-install-recommends), DL3019 (apk --no-cache),
// DL3030 (yum -y), DL3038 (dnf -y). The safe fix inserts the flag after the subcommand word.
#pragma once

#include <string_view>
#include <vector>

#include "analyzer/engine/rule.h"
#include "analyzer/model/install_facts.h"

namespace dockml::rules::hl {

struct RunFacts;

struct MissingFlagPolicy {
  std::vector<std::string_view> tools;        // "apt-get", "apt"
  std::vector<std::string_view> subcommands;  // "install"
  bool SystemInstall::*present;               // the recogniser's flag (&SystemInstall::yes)
  std::string_view flag;                      // "-y"
  std::string_view problem;                   // what happens without it, for the message
  // Other ways the command is fine (e.g. a cache mount); nullptr when none.
  bool (*exempt)(const RunFacts&) = nullptr;
};

void check_missing_flag(const FileContext& ctx, const Instruction& inst, Reporter& out,
                        const MissingFlagPolicy& policy);

}  // namespace dockml::rules::hl
