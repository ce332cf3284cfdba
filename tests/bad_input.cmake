# Bad-input matrix and directory scanning end to end (tests/bad_input_test.sh, tests/scan_test.sh).
# Sanitizer builds need more memory (shadow memory) and time.
if(DOCKML_SANITIZE)
  set(DOCKML_BAD_INPUT_LIMITS 2048 120)
else()
  set(DOCKML_BAD_INPUT_LIMITS 512 30)
endif()
add_test(NAME bad_input
  COMMAND bash ${CMAKE_SOURCE_DIR}/tests/bad_input_test.sh $<TARGET_FILE:dockml> ${DOCKML_BAD_INPUT_LIMITS})
set_tests_properties(bad_input PROPERTIES TIMEOUT 1200 LABELS "robustness")
add_test(NAME scan COMMAND bash ${CMAKE_SOURCE_DIR}/tests/scan_test.sh $<TARGET_FILE:dockml>)
set_tests_properties(scan PROPERTIES TIMEOUT 300 LABELS "robustness")
