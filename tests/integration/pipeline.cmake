# Integration tests of deploy and rollback: real processes, stub compuerta-*
# commands, a local HTTP server; the lock tests use the throwaway cluster.
compuerta_test(integration_pipeline
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/pipeline/harness.cpp
          ${CMAKE_CURRENT_LIST_DIR}/pipeline/rollback_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/pipeline/deploy_test.cpp
  LIBS compuerta_deploy
  LABELS integration)
add_dependencies(integration_pipeline compuerta-deploy compuerta-rollback)
compuerta_test(integration_pipeline_pg
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/pipeline/harness.cpp
          ${CMAKE_CURRENT_LIST_DIR}/pipeline/lock_test.cpp
  LIBS compuerta_deploy
  PG
  LABELS integration)
add_dependencies(integration_pipeline_pg compuerta-deploy compuerta-rollback)
compuerta_test(integration_pipeline_ci
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/pipeline/harness.cpp
          ${CMAKE_CURRENT_LIST_DIR}/pipeline/ci_test.cpp
  LIBS compuerta_deploy
  RESOURCE_LOCK gitlab-ci-local
  LABELS integration)
add_dependencies(integration_pipeline_ci compuerta-deploy compuerta-rollback)
# The GitLab component's structure through gitlab-ci-local --preview of a
# sample project (tests/fixtures/gitlab-project); fails when gitlab-ci-local
# is not installed (scripts/setup-test-tools.sh).
add_test(NAME integration_pipeline_gitlab_component
  COMMAND ${CMAKE_CURRENT_LIST_DIR}/pipeline/gitlab_component_test.sh ${PROJECT_SOURCE_DIR})
set_tests_properties(integration_pipeline_gitlab_component PROPERTIES
  TIMEOUT 240 RESOURCE_LOCK gitlab-ci-local LABELS integration)
# End-to-end: the component included with `component:` and `project:` from a
# bare clone served over HTTP on 127.0.0.1, run by gitlab-ci-local (good
# release, bad release rolled back in the child pipeline).
add_test(NAME e2e_pipeline_gitlab_component
  COMMAND ${CMAKE_CURRENT_LIST_DIR}/pipeline/gitlab_component_e2e.sh ${PROJECT_SOURCE_DIR} ${PROJECT_BINARY_DIR}/bin)
set_tests_properties(e2e_pipeline_gitlab_component PROPERTIES
  TIMEOUT 300 RESOURCE_LOCK gitlab-ci-local LABELS e2e COST 80)
