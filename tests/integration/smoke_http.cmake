# Integration tests of the http and renapo kinds (real libcurl, renapo-sim,
# raw sockets on 127.0.0.1) and of compuerta-smoke's suite features.
compuerta_test(integration.smoke_http
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/smoke_http/http_integration_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/smoke_http/suite_integration_test.cpp
  LIBS compuerta_smoke)
add_dependencies(integration.smoke_http compuerta-renapo-sim)
