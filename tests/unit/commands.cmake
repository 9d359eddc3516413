# Commands run in-process with fake adapters (tests/support/fakes.hpp): the
# composition root hands every command its ports.
compuerta_test(unit_commands
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/commands/commands_with_fakes_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/commands/window_commands_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/commands/release_commands_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/commands/db_commands_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/commands/rollback_commands_test.cpp
          ${PROJECT_SOURCE_DIR}/tests/support/fakes.cpp
          ${PROJECT_SOURCE_DIR}/plugin/commands.cpp
  LIBS compuerta_config_check compuerta_release compuerta_gates compuerta_window compuerta_db
       compuerta_deploy compuerta_smoke
  LABELS unit)
