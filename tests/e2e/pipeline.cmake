# End-to-end: the GitLab template run by gitlab-ci-local over every real
# command (skipped, naming them, until all are built), and the database.
compuerta_test(e2e_pipeline
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/pipeline/pipeline_e2e_test.cpp
  PG
  RESOURCE_LOCK gitlab-ci-local
  LABELS e2e)
add_dependencies(e2e_pipeline compuerta-deploy compuerta-rollback)
