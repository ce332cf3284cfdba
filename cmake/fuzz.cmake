# libFuzzer targets fuzz/*_fuzz.cpp (configure with clang and -DDOCKML_FUZZ=ON; `make fuzz`).
# Everything (dockml_core, the tree-sitter libraries) is instrumented for coverage and built
# with AddressSanitizer + UndefinedBehaviorSanitizer; each target links libFuzzer's main.
option(DOCKML_FUZZ "Build the libFuzzer targets in fuzz/ (needs clang)" OFF)
if(DOCKML_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "DOCKML_FUZZ needs clang: -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
  file(GLOB DOCKML_FUZZ_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/fuzz/*_fuzz.cpp)
  add_custom_target(fuzz_targets)
  foreach(src ${DOCKML_FUZZ_SOURCES})
    get_filename_component(name ${src} NAME_WE)
    add_executable(${name} EXCLUDE_FROM_ALL ${src})
    target_link_libraries(${name} PRIVATE dockml_core)
    target_link_options(${name} PRIVATE -fsanitize=fuzzer)
    set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/fuzz)
    add_dependencies(fuzz_targets ${name})
  endforeach()
endif()
