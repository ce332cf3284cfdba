// Shared check of the hadolint "pin versions" rules for system package managers
// (DL3008 apt-get, DL3018 apk, DL3033 yum, DL3037 zypper, DL3041 dnf).
#pragma once

#include <string_view>
#include <vector>

#include "analyzer/engine/rule.h"

namespace dockml::rules::hl {

struct PinPolicy {
  std::vector<std::string_view> tools;  // recognised tool names ("apt-get", "apt")
  std::string_view subcommand;          // "install" / "add"
  std::string_view local_ext;           // package files that are not reported (".deb")
  bool rpm_style = false;               // pins are `name-version` (yum/dnf), not `name=version`
  bool skip_virtual_name = false;       // apk add --virtual NAME: NAME is not a package
  std::string_view how;                 // how to pin, for the message ("`name=version`")
};

// One diagnostic per install command: the first unpinned package, the others as labels.
void check_package_pins(const FileContext& ctx, const Instruction& inst, Reporter& out,
                        const PinPolicy& policy);

}  // namespace dockml::rules::hl
