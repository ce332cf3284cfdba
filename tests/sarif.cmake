# SARIF validation with @microsoft/sarif-multitool (tests/tools, `make test-tools`): the golden
# SARIF output (tests/golden/formats/sarif.sarif, asserted equal to render_sarif's output by
# FormatsGolden.Sarif) must have zero errors and zero warnings under --rule-kind "Sarif;Gh".
add_test(NAME sarif_validate
  COMMAND bash ${CMAKE_SOURCE_DIR}/tests/sarif_validate.sh
          ${CMAKE_SOURCE_DIR}/tests/golden/formats/sarif.sarif)
set_tests_properties(sarif_validate PROPERTIES TIMEOUT 300 LABELS "formats")

# The same validation on real CLI output (bundled examples plus a broken Dockerfile).
add_test(NAME sarif_validate_cli
  COMMAND bash ${CMAKE_SOURCE_DIR}/tests/sarif_cli_validate.sh ${CMAKE_SOURCE_DIR} $<TARGET_FILE:dockml>)
set_tests_properties(sarif_validate_cli PROPERTIES TIMEOUT 300 LABELS "formats")
