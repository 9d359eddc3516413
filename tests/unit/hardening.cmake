# Hardening (issue 15): output paths, masking of query secrets and personal
# data, durations — against the real file system, with no fakes needed.
compuerta_test(unit_hardening
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/hardening/output_paths_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/hardening/masking_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/hardening/durations_test.cpp
  LIBS compuerta_core)
compuerta_test(unit_hardening_db
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/hardening/new_data_guard_test.cpp ${CMAKE_CURRENT_LIST_DIR}/hardening/path_guard_test.cpp
  LIBS compuerta_db)
