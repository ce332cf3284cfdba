#include "rules/hadolint/package_pins.h"

#include <algorithm>
#include <string>
#include <utility>

#include "rules/hadolint/run_facts.h"

namespace dockml::rules::hl {

namespace {

// yum/dnf pins are `name-version`: a '-' followed by a digit; groups (@x) and globs are not packages.
bool pinned_rpm(std::string_view raw) {
  if (raw.starts_with("@") || raw.find('*') != std::string_view::npos) return true;
  for (size_t i = 0; i + 1 < raw.size(); ++i)
    if (raw[i] == '-' && raw[i + 1] >= '0' && raw[i + 1] <= '9') return true;
  return false;
}

bool local_file(std::string_view raw, std::string_view ext) {
  return raw.starts_with("/") || raw.starts_with("./") || raw.starts_with("../") ||
         raw.ends_with(ext) || raw.find("://") != std::string_view::npos;
}

}  // namespace

void check_package_pins(const FileContext& ctx, const Instruction& inst, Reporter& out,
                        const PinPolicy& policy) {
  const RunFacts* rf = run_facts(ctx, inst);
  if (rf == nullptr) return;
  for (const SystemInstall& s : rf->facts->system) {
    bool tool = std::find(policy.tools.begin(), policy.tools.end(), s.at.tool) != policy.tools.end();
    if (!tool || s.subcommand != policy.subcommand) continue;
    std::vector<std::pair<std::string, Span>> bad;
    for (size_t i = 0; i < s.packages.size(); ++i) {
      const SystemPackage& p = s.packages[i];
      if (policy.skip_virtual_name && s.virtual_package && i == 0) continue;
      bool pinned = policy.rpm_style ? pinned_rpm(p.raw) : !p.version.empty();
      if (local_file(p.raw, policy.local_ext) || pinned) continue;
      bad.emplace_back(p.raw, p.ref.span);
    }
    if (bad.empty()) continue;
    std::string names;
    for (size_t i = 0; i < bad.size() && i < 5; ++i) names += (i ? ", " : "") + bad[i].first;
    if (bad.size() > 5) names += ", ...";
    std::string msg = bad.size() == 1
                          ? "`" + bad[0].first + "` is installed without a version pin"
                          : std::to_string(bad.size()) +
                                " packages are installed without a version pin: " + names;
    Diagnostic& d = out.report(bad[0].second, msg + " (pin with " + std::string(policy.how) + ")");
    for (size_t i = 1; i < bad.size(); ++i)
      d.labels.push_back(Label{ctx.source, bad[i].second, "not pinned"});
  }
}

}  // namespace dockml::rules::hl
