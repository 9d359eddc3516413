# Check kinds `transaction` (6.3) and `logs` (6.4), the demo application:
# compuerta-smoke run as a pipeline stage, killed at deterministic points.
compuerta_test(e2e_smoke_tx_logs
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/smoke_tx_logs/transaction_e2e_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/smoke_tx_logs/logs_e2e_test.cpp
  PG LABELS smoke_tx_logs)
add_dependencies(e2e_smoke_tx_logs sep-muses-app)
