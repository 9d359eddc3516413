# The deployment lease's decisions (plugin/lease) over a fake store.
compuerta_test(lease_unit
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/lease/lease_test.cpp
  LIBS compuerta_lease)
