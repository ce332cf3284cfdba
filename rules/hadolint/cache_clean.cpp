#include "rules/hadolint/cache_clean.h"

#include <algorithm>
#include <string>

#include "rules/hadolint/run_facts.h"

namespace dockml::rules::hl {

namespace {

bool contains(const std::vector<std::string_view>& list, std::string_view s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

}  // namespace

void CacheCleanCheck::check_instruction(const FileContext& ctx, const Instruction& inst) {
  stages_.visit(inst);
  const RunFacts* rf = run_facts(ctx, inst);
  if (rf == nullptr) return;
  const Instruction& run = *rf->run;
  const InstallFacts& facts = *rf->facts;
  for (std::string_view dir : policy_.cache_dirs)
    if (removes_dir(facts, dir) || cache_mount_covers(run, dir)) return;
  for (const CacheClean& c : facts.cache_cleans)
    if (contains(policy_.tools, c.at.tool) && (policy_.clean_what.empty() || c.what == policy_.clean_what)) return;
  for (const SystemInstall& s : facts.system) {
    if (!contains(policy_.tools, s.at.tool) || !contains(policy_.subcommands, s.subcommand)) continue;
    stages_.defer(s.at.ref.span, "`" + s.at.tool + " " + s.subcommand + "` leaves its cache in " +
                                     std::string(policy_.cache_shown) + "; add `" + s.at.tool + " " +
                                     std::string(policy_.clean_command) + "` to this RUN");
    return;
  }
}

}  // namespace dockml::rules::hl
