# Check kinds `transaction` (6.3) and `logs` (6.4): the Sql adapter against
# the throwaway PostgreSQL.
compuerta_test(integration_smoke_sql
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/smoke_tx_logs/pqxx_sql_test.cpp
  LIBS compuerta_adapters PG LABELS smoke_tx_logs)
