// The one explicit, sorted list of rules. Add a line in code order (scripts/new_rule.sh does).
#include <vector>

#include "analyzer/engine/rule.h"

namespace dockml::rules {
// BEGIN DECLARATIONS
RuleEntry bk001_stage_name_casing();
RuleEntry bk002_from_as_casing();
RuleEntry bk003_no_empty_continuation();
RuleEntry bk004_consistent_instruction_casing();
RuleEntry bk005_duplicate_stage_name();
RuleEntry bk006_reserved_stage_name();
RuleEntry bk007_json_args_recommended();
RuleEntry bk008_maintainer_instruction_deprecated();
RuleEntry bk009_undefined_arg_in_from();
RuleEntry bk010_workdir_relative_path();
RuleEntry bk011_undefined_var();
RuleEntry bk012_multiple_instructions_disallowed();
RuleEntry bk013_legacy_key_value_format();
RuleEntry bk014_invalid_base_image_platform();
RuleEntry bk015_redundant_target_platform();
RuleEntry bk016_secrets_used_in_arg_or_env();
RuleEntry bk017_invalid_default_arg_in_from();
RuleEntry bk018_from_platform_flag_const_disallowed();
RuleEntry bk019_copy_ignored_file();
RuleEntry bk020_invalid_definition_description();
RuleEntry bk021_expose_proto_casing();
RuleEntry bk022_expose_invalid_format();
RuleEntry df001_parse_error();
RuleEntry df003_requirement_file_unreadable();
// END DECLARATIONS
}  // namespace dockml::rules

namespace dockml {

std::span<const RuleEntry> rule_registry() {
  static const std::vector<RuleEntry> all = {
      // BEGIN RULES
      rules::bk001_stage_name_casing(),
      rules::bk002_from_as_casing(),
      rules::bk003_no_empty_continuation(),
      rules::bk004_consistent_instruction_casing(),
      rules::bk005_duplicate_stage_name(),
      rules::bk006_reserved_stage_name(),
      rules::bk007_json_args_recommended(),
      rules::bk008_maintainer_instruction_deprecated(),
      rules::bk009_undefined_arg_in_from(),
      rules::bk010_workdir_relative_path(),
      rules::bk011_undefined_var(),
      rules::bk012_multiple_instructions_disallowed(),
      rules::bk013_legacy_key_value_format(),
      rules::bk014_invalid_base_image_platform(),
      rules::bk015_redundant_target_platform(),
      rules::bk016_secrets_used_in_arg_or_env(),
      rules::bk017_invalid_default_arg_in_from(),
      rules::bk018_from_platform_flag_const_disallowed(),
      rules::bk019_copy_ignored_file(),
      rules::bk020_invalid_definition_description(),
      rules::bk021_expose_proto_casing(),
      rules::bk022_expose_invalid_format(),
      rules::df001_parse_error(),
      rules::df003_requirement_file_unreadable(),
      // END RULES
  };
  return all;
}

}  // namespace dockml
