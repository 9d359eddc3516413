# Release gate (plan 3.3, 3.4): versions, patterns and checks over a fake git.
compuerta_test(release_unit
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/release/version_test.cpp ${CMAKE_CURRENT_LIST_DIR}/release/checks_test.cpp
  LIBS compuerta_release)
