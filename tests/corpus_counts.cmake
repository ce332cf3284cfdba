# Findings per rule over ../shared/corpus/{general,ml,compose} must match tests/corpus_counts.txt
# (re-bless with DOCKML_BLESS=1 and review the diff). Skipped (exit 77) without ../shared.
add_test(NAME corpus_counts
  COMMAND bash ${CMAKE_SOURCE_DIR}/tests/corpus_counts_test.sh $<TARGET_FILE:dockml>
    ${CMAKE_SOURCE_DIR}/../shared/corpus ${CMAKE_SOURCE_DIR}/tests/corpus_counts.txt)
set_tests_properties(corpus_counts PROPERTIES TIMEOUT 600 SKIP_RETURN_CODE 77 LABELS "corpus")
