# Check kind `transaction` (6.3): the Db session's statements against the
# throwaway PostgreSQL.
compuerta_test(integration_smoke_sql
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/smoke_tx_logs/db_statement_test.cpp
  LIBS compuerta_adapters PG LABELS smoke_tx_logs)
