# Unit tests of deploy and rollback (plugin/deploy): fakes only.
compuerta_test(unit_pipeline
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/pipeline/placeholders_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/pipeline/policy_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/pipeline/run_state_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/pipeline/rollback_flow_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/pipeline/health_manifest_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/pipeline/rollback_messages_test.cpp
  LIBS compuerta_deploy
  LABELS unit)
