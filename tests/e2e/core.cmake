compuerta_test(e2e_smoke SOURCES ${CMAKE_CURRENT_LIST_DIR}/smoke_e2e_test.cpp PG)
