compuerta_test(unit_core SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/model_test.cpp ${CMAKE_CURRENT_LIST_DIR}/runner_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/config_test.cpp ${CMAKE_CURRENT_LIST_DIR}/secrets_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/journal_test.cpp ${CMAKE_CURRENT_LIST_DIR}/junit_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/registry_test.cpp ${CMAKE_CURRENT_LIST_DIR}/events_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/json_read_test.cpp ${CMAKE_CURRENT_LIST_DIR}/config_rules_test.cpp
  LIBS compuerta_core compuerta_smoke)
compuerta_test(unit_smoke_postgres SOURCES ${CMAKE_CURRENT_LIST_DIR}/smoke_postgres_test.cpp LIBS compuerta_smoke)
