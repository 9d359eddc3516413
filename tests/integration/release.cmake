# Release gate and tagging (plan 3.3, 3.4): real repositories made with git.
compuerta_test(release_integration
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/release/gate_test.cpp ${CMAKE_CURRENT_LIST_DIR}/release/tag_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/release/git_adapter_test.cpp
  LIBS nlohmann_json::nlohmann_json compuerta_adapters)
add_dependencies(release_integration compuerta-gate-release compuerta-tag)
