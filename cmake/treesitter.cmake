# tree-sitter runtime and grammars, compiled from the C sources of the npm packages pinned
# in grammars/package-lock.json (installed by `make grammars`: npm ci --ignore-scripts).
set(TS_MODULES ${CMAKE_SOURCE_DIR}/grammars/node_modules)
if(NOT EXISTS ${TS_MODULES}/tree-sitter/vendor/tree-sitter/lib/src/lib.c)
  message(FATAL_ERROR "tree-sitter sources missing: run `make grammars` (npm ci in grammars/)")
endif()

add_library(ts_runtime STATIC ${TS_MODULES}/tree-sitter/vendor/tree-sitter/lib/src/lib.c)
target_include_directories(ts_runtime
  PUBLIC ${TS_MODULES}/tree-sitter/vendor/tree-sitter/lib/include
  PRIVATE ${TS_MODULES}/tree-sitter/vendor/tree-sitter/lib/src)
set_target_properties(ts_runtime PROPERTIES C_STANDARD 11 POSITION_INDEPENDENT_CODE ON)
target_compile_options(ts_runtime PRIVATE -w)

function(dockml_grammar name dir)
  file(GLOB srcs ${dir}/src/parser.c ${dir}/src/scanner.c)
  add_library(${name} STATIC ${srcs})
  target_include_directories(${name} PRIVATE ${dir}/src)
  set_target_properties(${name} PROPERTIES C_STANDARD 11 POSITION_INDEPENDENT_CODE ON)
  target_compile_options(${name} PRIVATE -w)
  target_link_libraries(${name} PUBLIC ts_runtime)
endfunction()

dockml_grammar(ts_bash ${TS_MODULES}/tree-sitter-bash)
dockml_grammar(ts_requirements ${TS_MODULES}/tree-sitter-requirements)
dockml_grammar(ts_yaml ${TS_MODULES}/@tree-sitter-grammars/tree-sitter-yaml)

list(APPEND DOCKML_EXTRA_LIBS ts_bash ts_requirements ts_yaml ts_runtime)
