# Hardening (issue 15 item 4): messages that name the right cause — real
# libcurl and libpq against raw sockets on 127.0.0.1, no PostgreSQL needed.
compuerta_test(integration_hardening
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/hardening/messages_it.cpp
  LIBS compuerta_smoke)
compuerta_test(integration_hardening_db
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/hardening/new_data_it.cpp ${CMAKE_CURRENT_LIST_DIR}/hardening/full_disk_it.cpp
          ${CMAKE_CURRENT_LIST_DIR}/hardening/kill_points_it.cpp
          ${CMAKE_CURRENT_LIST_DIR}/hardening/concurrency_it.cpp
          ${CMAKE_CURRENT_LIST_DIR}/db/db_it_support.cpp
          ${CMAKE_CURRENT_LIST_DIR}/../unit/db/run_program.cpp
  LIBS compuerta_db LABELS db PG)
add_dependencies(integration_hardening_db compuerta-db-backup compuerta-db-restore compuerta-db-migrate)
add_dependencies(integration_hardening_db compuerta-maintenance)
