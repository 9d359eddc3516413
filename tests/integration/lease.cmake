# The deployment lease against the throwaway PostgreSQL (adapter and commands).
compuerta_test(lease_integration
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/lease/lease_it.cpp
  PG)
add_dependencies(lease_integration compuerta)
