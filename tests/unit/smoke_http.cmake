# Unit tests of the http and renapo check kinds, CURP validation and RENAPO shapes (fakes only).
compuerta_test(unit.smoke_http
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/smoke_http/curp_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/smoke_http/shapes_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/smoke_http/http_check_test.cpp
  LIBS compuerta_smoke)
