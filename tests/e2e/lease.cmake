# The deployment lease at run time: two pipelines of two clones started at
# once against one environment (tests/e2e/lease/two_clones.sh).
add_test(NAME e2e_lease_two_clones
  COMMAND ${CMAKE_CURRENT_LIST_DIR}/lease/two_clones.sh ${PROJECT_SOURCE_DIR} ${PROJECT_BINARY_DIR}/bin
          ${PROJECT_BINARY_DIR}/pg/env)
set_tests_properties(e2e_lease_two_clones PROPERTIES
  TIMEOUT 240 LABELS e2e FIXTURES_REQUIRED pg SKIP_RETURN_CODE 77 COST 25)
