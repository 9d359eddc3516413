# Man pages and completion from the real registry (plugin/commands.cpp): every
# command has its page with every flag; the completion tables follow the
# declarations.
compuerta_test(unit_cli_docs SOURCES ${CMAKE_CURRENT_LIST_DIR}/cli_docs/man_page_test.cpp
  ${PROJECT_SOURCE_DIR}/plugin/commands.cpp
  LIBS compuerta_config_check compuerta_release compuerta_gates compuerta_window compuerta_db
       compuerta_deploy compuerta_smoke)
