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
RuleEntry df002_unused_suppression();
RuleEntry df003_requirement_file_unreadable();
RuleEntry dl1001_ignore_pragma_used();
RuleEntry dl3000_absolute_workdir();
RuleEntry dl3001_irrelevant_command();
RuleEntry dl3002_last_user_root();
RuleEntry dl3003_use_workdir();
RuleEntry dl3004_no_sudo();
RuleEntry dl3006_tag_image_version();
RuleEntry dl3007_no_latest_tag();
RuleEntry dl3008_apt_get_pin_versions();
RuleEntry dl3009_apt_lists_not_removed();
RuleEntry dl3010_use_add_for_archives();
RuleEntry dl3011_valid_port();
RuleEntry dl3012_multiple_healthchecks();
RuleEntry dl3013_pip_pin_versions();
RuleEntry dl3014_apt_get_yes();
RuleEntry dl3015_apt_get_no_install_recommends();
RuleEntry dl3016_npm_pin_versions();
RuleEntry dl3018_apk_add_pin_versions();
RuleEntry dl3019_apk_no_cache();
RuleEntry dl3020_use_copy_not_add();
RuleEntry dl3021_copy_dest_dir();
RuleEntry dl3022_copy_from_unknown_alias();
RuleEntry dl3023_copy_from_own_stage();
RuleEntry dl3024_unique_stage_alias();
RuleEntry dl3025_json_notation_cmd();
RuleEntry dl3026_trusted_registry();
RuleEntry dl3027_no_apt();
RuleEntry dl3028_gem_pin_versions();
RuleEntry dl3029_no_platform_flag();
RuleEntry dl3030_yum_yes();
RuleEntry dl3032_yum_clean_all();
RuleEntry dl3033_yum_pin_versions();
RuleEntry dl3034_zypper_non_interactive();
RuleEntry dl3035_no_zypper_dist_upgrade();
RuleEntry dl3036_zypper_clean();
RuleEntry dl3037_zypper_pin_versions();
RuleEntry dl3038_dnf_yes();
RuleEntry dl3040_dnf_clean_all();
RuleEntry dl3041_dnf_pin_versions();
RuleEntry dl3042_pip_no_cache_dir();
RuleEntry dl3043_onbuild_forbidden_trigger();
RuleEntry dl3044_env_self_reference();
RuleEntry dl3045_copy_relative_dest_no_workdir();
RuleEntry dl3046_useradd_long_uid();
RuleEntry dl3047_wget_progress();
RuleEntry dl3048_invalid_label_key();
RuleEntry dl3049_missing_label();
RuleEntry dl3050_superfluous_label();
RuleEntry dl3051_empty_label();
RuleEntry dl3052_label_not_url();
RuleEntry dl3053_label_not_rfc3339();
RuleEntry dl3054_label_not_spdx();
RuleEntry dl3055_label_not_git_hash();
RuleEntry dl3056_label_not_semver();
RuleEntry dl3057_healthcheck_missing();
RuleEntry dl3058_label_not_email();
RuleEntry dl3059_multiple_consecutive_runs();
RuleEntry dl3060_yarn_cache_clean();
RuleEntry dl3061_instruction_before_from();
RuleEntry dl3062_go_install_version();
RuleEntry dl3063_reserved_stage_name();
RuleEntry dl3064_secret_in_arg_or_env();
RuleEntry dl3065_redundant_target_platform();
RuleEntry dl3066_non_numeric_user();
RuleEntry dl3067_copy_from_root();
RuleEntry dl4000_maintainer_deprecated();
RuleEntry dl4001_wget_and_curl();
RuleEntry dl4003_multiple_cmd();
RuleEntry dl4004_multiple_entrypoint();
RuleEntry dl4005_use_shell_to_change_shell();
RuleEntry dl4006_pipefail();
RuleEntry ml101_torch_cuda_mismatch();
RuleEntry ml102_tensorflow_cuda_mismatch();
RuleEntry ml103_jax_cuda_mismatch();
RuleEntry ml104_cuda_wheel_mismatch();
RuleEntry ml105_torch_companion_mismatch();
RuleEntry ml106_no_wheel_for_python();
RuleEntry ml107_cuda_arch_unsupported();
RuleEntry ml108_cuda_build_without_nvcc();
RuleEntry ml109_driver_too_old();
RuleEntry ml110_tensorflow_gpu_package();
RuleEntry ml111_bad_cuda_image_tag();
RuleEntry ml112_cpu_wheel_on_gpu_image();
RuleEntry ml113_framework_unpinned();
RuleEntry ml114_second_cuda_toolkit();
RuleEntry ml115_cudnn_mismatch();
RuleEntry ml116_python_version_unknown();
RuleEntry ml117_gpu_arch_not_in_wheel();
RuleEntry ml201_driver_capabilities_without_compute();
RuleEntry ml202_visible_devices_baked();
RuleEntry ml203_driver_in_image();
RuleEntry ml204_require_check_disabled();
RuleEntry ml205_gpu_env_missing();
RuleEntry ml206_compose_gpu_request();
RuleEntry ml207_shm_too_small();
RuleEntry ml208_k8s_gpu_resource();
RuleEntry ml209_buildtime_gpu_query();
RuleEntry ml301_model_weights_in_image();
RuleEntry ml302_conda_cache_kept();
RuleEntry ml303_devel_final_stage();
RuleEntry ml304_dependency_layer_order();
RuleEntry ml305_redundant_cuda_libs();
RuleEntry ml306_framework_reinstalled();
RuleEntry ml401_ml_secret_in_build();
RuleEntry ml402_floating_ml_base();
RuleEntry ml403_vcs_install_unpinned();
RuleEntry ml404_wheel_index_mismatch();
RuleEntry ml405_installer_unverified();
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
      rules::df002_unused_suppression(),
      rules::df003_requirement_file_unreadable(),
      rules::dl1001_ignore_pragma_used(),
      rules::dl3000_absolute_workdir(),
      rules::dl3001_irrelevant_command(),
      rules::dl3002_last_user_root(),
      rules::dl3003_use_workdir(),
      rules::dl3004_no_sudo(),
      rules::dl3006_tag_image_version(),
      rules::dl3007_no_latest_tag(),
      rules::dl3008_apt_get_pin_versions(),
      rules::dl3009_apt_lists_not_removed(),
      rules::dl3010_use_add_for_archives(),
      rules::dl3011_valid_port(),
      rules::dl3012_multiple_healthchecks(),
      rules::dl3013_pip_pin_versions(),
      rules::dl3014_apt_get_yes(),
      rules::dl3015_apt_get_no_install_recommends(),
      rules::dl3016_npm_pin_versions(),
      rules::dl3018_apk_add_pin_versions(),
      rules::dl3019_apk_no_cache(),
      rules::dl3020_use_copy_not_add(),
      rules::dl3021_copy_dest_dir(),
      rules::dl3022_copy_from_unknown_alias(),
      rules::dl3023_copy_from_own_stage(),
      rules::dl3024_unique_stage_alias(),
      rules::dl3025_json_notation_cmd(),
      rules::dl3026_trusted_registry(),
      rules::dl3027_no_apt(),
      rules::dl3028_gem_pin_versions(),
      rules::dl3029_no_platform_flag(),
      rules::dl3030_yum_yes(),
      rules::dl3032_yum_clean_all(),
      rules::dl3033_yum_pin_versions(),
      rules::dl3034_zypper_non_interactive(),
      rules::dl3035_no_zypper_dist_upgrade(),
      rules::dl3036_zypper_clean(),
      rules::dl3037_zypper_pin_versions(),
      rules::dl3038_dnf_yes(),
      rules::dl3040_dnf_clean_all(),
      rules::dl3041_dnf_pin_versions(),
      rules::dl3042_pip_no_cache_dir(),
      rules::dl3043_onbuild_forbidden_trigger(),
      rules::dl3044_env_self_reference(),
      rules::dl3045_copy_relative_dest_no_workdir(),
      rules::dl3046_useradd_long_uid(),
      rules::dl3047_wget_progress(),
      rules::dl3048_invalid_label_key(),
      rules::dl3049_missing_label(),
      rules::dl3050_superfluous_label(),
      rules::dl3051_empty_label(),
      rules::dl3052_label_not_url(),
      rules::dl3053_label_not_rfc3339(),
      rules::dl3054_label_not_spdx(),
      rules::dl3055_label_not_git_hash(),
      rules::dl3056_label_not_semver(),
      rules::dl3057_healthcheck_missing(),
      rules::dl3058_label_not_email(),
      rules::dl3059_multiple_consecutive_runs(),
      rules::dl3060_yarn_cache_clean(),
      rules::dl3061_instruction_before_from(),
      rules::dl3062_go_install_version(),
      rules::dl3063_reserved_stage_name(),
      rules::dl3064_secret_in_arg_or_env(),
      rules::dl3065_redundant_target_platform(),
      rules::dl3066_non_numeric_user(),
      rules::dl3067_copy_from_root(),
      rules::dl4000_maintainer_deprecated(),
      rules::dl4001_wget_and_curl(),
      rules::dl4003_multiple_cmd(),
      rules::dl4004_multiple_entrypoint(),
      rules::dl4005_use_shell_to_change_shell(),
      rules::dl4006_pipefail(),
      rules::ml101_torch_cuda_mismatch(),
      rules::ml102_tensorflow_cuda_mismatch(),
      rules::ml103_jax_cuda_mismatch(),
      rules::ml104_cuda_wheel_mismatch(),
      rules::ml105_torch_companion_mismatch(),
      rules::ml106_no_wheel_for_python(),
      rules::ml107_cuda_arch_unsupported(),
      rules::ml108_cuda_build_without_nvcc(),
      rules::ml109_driver_too_old(),
      rules::ml110_tensorflow_gpu_package(),
      rules::ml111_bad_cuda_image_tag(),
      rules::ml112_cpu_wheel_on_gpu_image(),
      rules::ml113_framework_unpinned(),
      rules::ml114_second_cuda_toolkit(),
      rules::ml115_cudnn_mismatch(),
      rules::ml116_python_version_unknown(),
      rules::ml117_gpu_arch_not_in_wheel(),
      rules::ml201_driver_capabilities_without_compute(),
      rules::ml202_visible_devices_baked(),
      rules::ml203_driver_in_image(),
      rules::ml204_require_check_disabled(),
      rules::ml205_gpu_env_missing(),
      rules::ml206_compose_gpu_request(),
      rules::ml207_shm_too_small(),
      rules::ml208_k8s_gpu_resource(),
      rules::ml209_buildtime_gpu_query(),
      rules::ml301_model_weights_in_image(),
      rules::ml302_conda_cache_kept(),
      rules::ml303_devel_final_stage(),
      rules::ml304_dependency_layer_order(),
      rules::ml305_redundant_cuda_libs(),
      rules::ml306_framework_reinstalled(),
      rules::ml401_ml_secret_in_build(),
      rules::ml402_floating_ml_base(),
      rules::ml403_vcs_install_unpinned(),
      rules::ml404_wheel_index_mismatch(),
      rules::ml405_installer_unverified(),
      // END RULES
  };
  return all;
}

}  // namespace dockml
