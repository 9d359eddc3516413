# Settings linked only by first-party targets, never by dependencies.
add_library(compuerta_warnings INTERFACE)
target_compile_options(compuerta_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
  -Wcast-align -Woverloaded-virtual -Wnull-dereference -Wimplicit-fallthrough
  $<$<BOOL:${COMPUERTA_WERROR}>:-Werror>)

add_library(compuerta_sanitizers INTERFACE)
if(COMPUERTA_SANITIZE)
  target_compile_options(compuerta_sanitizers INTERFACE
    -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
    # GCC 12's flow analysis is unreliable under the sanitizers' instrumentation:
    # it reports libstdc++'s own std::function/std::regex internals as maybe
    # uninitialized. The dev preset (no sanitizers) keeps the warning as an error.
    $<$<CXX_COMPILER_ID:GNU>:-Wno-maybe-uninitialized>)
  target_link_options(compuerta_sanitizers INTERFACE -fsanitize=address,undefined)
endif()

add_library(compuerta_settings INTERFACE)
target_link_libraries(compuerta_settings INTERFACE compuerta_warnings compuerta_sanitizers)
target_compile_definitions(compuerta_settings INTERFACE
  COMPUERTA_VERSION="${PROJECT_VERSION}")
target_include_directories(compuerta_settings INTERFACE ${PROJECT_SOURCE_DIR})

# compuerta_executable(NAME SOURCES...) builds one `compuerta-*` program that
# links the given libraries, and installs it.
function(compuerta_executable name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE compuerta_settings ${ARG_LIBS})
  set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/bin)
  install(TARGETS ${name} RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endfunction()
