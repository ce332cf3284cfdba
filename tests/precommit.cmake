# pre-commit end-to-end: .pre-commit-hooks.yaml run with Debian's `pre-commit try-repo` against
# a temporary repository (bad Dockerfile fails with the diagnostic, good one passes). Offline.
add_test(NAME precommit_hooks
  COMMAND bash ${CMAKE_SOURCE_DIR}/tests/precommit_test.sh ${CMAKE_SOURCE_DIR} $<TARGET_FILE:dockml>)
set_tests_properties(precommit_hooks PROPERTIES TIMEOUT 300 LABELS "integrations")
