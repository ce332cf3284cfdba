# docs/rules/<CODE>.md and the README rule table must match `make docs` (dockml rules --write-docs).
add_test(NAME rule_docs_fresh
  COMMAND bash ${CMAKE_SOURCE_DIR}/tests/rule_docs_fresh_test.sh ${CMAKE_SOURCE_DIR} $<TARGET_FILE:dockml>)
set_tests_properties(rule_docs_fresh PROPERTIES TIMEOUT 60 LABELS "docs")
