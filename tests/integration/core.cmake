compuerta_test(integration_postgres SOURCES ${CMAKE_CURRENT_LIST_DIR}/postgres_test.cpp LIBS compuerta_adapters PG)
compuerta_test(integration_process SOURCES ${CMAKE_CURRENT_LIST_DIR}/process_test.cpp LIBS compuerta_adapters)
