# Release: tag, push, and the gate stage on a CI-like clone, via `compuerta`.
compuerta_test(release_e2e SOURCES ${CMAKE_CURRENT_LIST_DIR}/release/pipeline_test.cpp
  LIBS nlohmann_json::nlohmann_json)
add_dependencies(release_e2e compuerta-gate-release compuerta-tag)
