# Pull-request mode (--diff-base / --diff-file) end to end on a temporary git repository.
add_test(NAME diff_mode
  COMMAND bash ${CMAKE_SOURCE_DIR}/tests/diff_mode_test.sh $<TARGET_FILE:dockml>)
set_tests_properties(diff_mode PROPERTIES TIMEOUT 120 LABELS "integrations")
