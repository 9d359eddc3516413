compuerta_test(unit_messages SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/messages/catalog_test.cpp ${CMAKE_CURRENT_LIST_DIR}/messages/po_reader.cpp
  ${CMAKE_CURRENT_LIST_DIR}/messages/language_test.cpp ${CMAKE_CURRENT_LIST_DIR}/messages/local_time_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/messages/gates_messages_test.cpp ${CMAKE_CURRENT_LIST_DIR}/messages/said_test.cpp
  LIBS compuerta_core compuerta_gates)
