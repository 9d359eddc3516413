# Check kinds `transaction` (6.3) and `logs` (6.4): unit tests with fakes.
find_package(ZLIB REQUIRED)
compuerta_test(unit_smoke_logs
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/smoke_tx_logs/logs_matcher_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/smoke_tx_logs/logs_scanner_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/smoke_tx_logs/logs_check_test.cpp
  LIBS compuerta_smoke ZLIB::ZLIB LABELS smoke_tx_logs)
compuerta_test(unit_smoke_transaction
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/smoke_tx_logs/transaction_scenario_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/smoke_tx_logs/transaction_executor_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/smoke_tx_logs/transaction_kills_test.cpp
  LIBS compuerta_smoke compuerta_renapo_sim LABELS smoke_tx_logs)
