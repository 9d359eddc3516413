# compuerta db against the throwaway PostgreSQL 15 (each test its own databases).
# LABELS must be non-empty: compuerta_test's property list drops an empty one
# and every property after it (PG's fixture among them) shifts.
set(db_it_support ${CMAKE_CURRENT_LIST_DIR}/db/db_it_support.cpp ${CMAKE_CURRENT_LIST_DIR}/../unit/db/run_program.cpp)
compuerta_test(db_migrate_it
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/db/migrate_it.cpp ${CMAKE_CURRENT_LIST_DIR}/db/messages_it.cpp ${db_it_support}
  LIBS compuerta_db LABELS db PG)
compuerta_test(db_backup_it
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/db/backup_it.cpp ${db_it_support}
  LIBS compuerta_db LABELS db PG)
compuerta_test(db_snapshot_it
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/db/snapshot_it.cpp ${db_it_support}
  LIBS compuerta_db LABELS db PG)
foreach(t db_migrate_it db_backup_it db_snapshot_it)
  add_dependencies(${t} compuerta-db-backup compuerta-db-migrate compuerta-db-restore compuerta-db-status)
endforeach()
add_dependencies(db_snapshot_it compuerta-db-snapshot compuerta-maintenance compuerta-window compuerta-gate-env)
