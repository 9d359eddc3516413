# The smoke checks in both languages (issue 12): real checks against the
# throwaway PostgreSQL, a loopback HTTP server and log files, read in Spanish
# and in English.
compuerta_test(unit_smoke_messages
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/messages/smoke_messages_test.cpp
  LIBS compuerta_smoke PG LABELS smoke)
