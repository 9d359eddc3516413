# compuerta db: pure logic with fakes (no PostgreSQL).
compuerta_test(db_unit
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/db/flyway_test.cpp ${CMAKE_CURRENT_LIST_DIR}/db/plan_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/db/backups_test.cpp ${CMAKE_CURRENT_LIST_DIR}/db/manifest_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/db/split_test.cpp ${CMAKE_CURRENT_LIST_DIR}/db/run_program.cpp
          ${CMAKE_CURRENT_LIST_DIR}/db/flyway_parity_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/db/database_section_test.cpp
  LIBS compuerta_db LABELS db)
