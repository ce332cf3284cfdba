#include "rules/hadolint/missing_flag.h"

#include <algorithm>
#include <string>

#include "rules/hadolint/run_facts.h"

namespace dockml::rules::hl {

namespace {

bool contains(const std::vector<std::string_view>& list, std::string_view s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

// The word of the subcommand (`install`, `add`, ...) of `cmd`, or nullptr.
const shell::ShellWord* subcommand_word(const shell::ShellCommand& cmd,
                                        const std::vector<std::string_view>& names) {
  for (size_t i = 0; i < cmd.arg_count(); ++i)
    if (contains(names, cmd.arg(i).value)) return &cmd.arg(i);
  return nullptr;
}

}  // namespace

void check_missing_flag(const FileContext& ctx, const Instruction& inst, Reporter& out,
                        const MissingFlagPolicy& policy) {
  const RunFacts* rf = run_facts(ctx, inst);
  if (rf == nullptr) return;
  for (const SystemInstall& s : rf->facts->system) {
    if (!contains(policy.tools, s.at.tool) || !contains(policy.subcommands, s.subcommand)) continue;
    if (s.*policy.present || (policy.exempt != nullptr && policy.exempt(*rf))) continue;
    const shell::ShellWord* w = subcommand_word(rf->script->commands[s.at.command], policy.subcommands);
    Diagnostic& d = out.report(w != nullptr ? w->span : s.at.ref.span,
                               "`" + s.at.tool + " " + s.subcommand + "` without " +
                                   std::string(policy.flag) + " " + std::string(policy.problem));
    // Only where the word is written plainly, so the insertion lands right after it.
    if (w != nullptr && w->span.size() == w->value.size()) {
      d.fix = Fix{Applicability::kSafe, "Add " + std::string(policy.flag),
                  {Edit{Span{w->span.end, w->span.end}, " " + std::string(policy.flag)}}};
    }
  }
}

}  // namespace dockml::rules::hl
