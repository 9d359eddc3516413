# Gates qa, defects, env: unit tests with fakes and the JUnit fixtures.
compuerta_test(unit_gates
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/gates/junit_test.cpp ${CMAKE_CURRENT_LIST_DIR}/gates/policy_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/gates/api_test.cpp ${CMAKE_CURRENT_LIST_DIR}/gates/env_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/gates/sections_test.cpp
  LIBS compuerta_gates
  # A label keeps compuerta_test's property list in pairs (an empty LABELS shifts it).
  LABELS gates)
