# bench/lsp_relint_bench: re-lint cost of a 1,000-line Dockerfile inside the LSP server
# (not built by default: cmake --build BUILD --target lsp_relint_bench).
add_executable(lsp_relint_bench EXCLUDE_FROM_ALL ${CMAKE_SOURCE_DIR}/bench/lsp_relint_bench.cpp)
target_link_libraries(lsp_relint_bench PRIVATE dockml_core)
