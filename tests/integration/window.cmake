# The deployment window against real components: nginx (maintenance mode),
# a webhook receiver and an SMTP server on loopback (notify).
compuerta_test(window_integration
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/window/nginx_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/window/notify_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/window/maintenance_http_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/window/record_json_test.cpp
  LIBS compuerta_window)
add_dependencies(window_integration compuerta-maintenance compuerta-notify compuerta-signoff compuerta-window
                 compuerta-checklist)
compuerta_test(window_integration_pg
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/window/maintenance_sql_test.cpp
  LIBS compuerta_window
  PG)
add_dependencies(window_integration_pg compuerta-maintenance)
