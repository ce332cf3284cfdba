# Node-driven tests: the LSP end-to-end test (tests/lsp, a real LSP client library against
# `dockml lsp`) and the VS Code extension's unit tests. Their npm packages are installed by
# `make test` (target node-deps); without them the tests are skipped (exit 77).
find_program(DOCKML_NODE node)
find_program(DOCKML_NPM npm)
if(DOCKML_NODE)
  add_test(NAME lsp_e2e
    COMMAND sh -c "if [ ! -d node_modules ]; then echo 'tests/lsp/node_modules missing: run make test (or npm ci in tests/lsp)'; exit 77; fi; exec \"$0\" --test lsp_e2e.test.js" ${DOCKML_NODE}
    WORKING_DIRECTORY ${CMAKE_SOURCE_DIR}/tests/lsp)
  set_tests_properties(lsp_e2e PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 180
    ENVIRONMENT "DOCKML_BINARY=$<TARGET_FILE:dockml>")
endif()
if(DOCKML_NODE AND DOCKML_NPM)
  foreach(script test typecheck)
    add_test(NAME vscode_extension_${script}
      COMMAND sh -c "if [ ! -d node_modules ]; then echo 'vscode-extension/node_modules missing: run make test (or npm ci in vscode-extension)'; exit 77; fi; exec \"$0\" run --silent ${script}" ${DOCKML_NPM}
      WORKING_DIRECTORY ${CMAKE_SOURCE_DIR}/vscode-extension)
    set_tests_properties(vscode_extension_${script} PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 180)
  endforeach()
endif()
