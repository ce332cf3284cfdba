// The one explicit, sorted list of rules. Add a line in code order (scripts/new_rule.sh does).
#include <vector>

#include "analyzer/engine/rule.h"

namespace dockml::rules {
// BEGIN DECLARATIONS
RuleEntry df001_parse_error();
RuleEntry df003_requirement_file_unreadable();
// END DECLARATIONS
}  // namespace dockml::rules

namespace dockml {

std::span<const RuleEntry> rule_registry() {
  static const std::vector<RuleEntry> all = {
      // BEGIN RULES
      rules::df001_parse_error(),
      rules::df003_requirement_file_unreadable(),
      // END RULES
  };
  return all;
}

}  // namespace dockml
