# The generated man pages render without a warning, and the generated bash
# completion answers real command lines (tests/e2e/cli_docs/).
add_test(NAME cli_docs.man_render
  COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/cli_docs/man_render_test.sh ${PROJECT_BINARY_DIR}/bin/compuerta)
add_test(NAME cli_docs.bash_completion
  COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/cli_docs/completion_test.sh ${PROJECT_BINARY_DIR}/bin/compuerta)
set_tests_properties(cli_docs.man_render cli_docs.bash_completion PROPERTIES TIMEOUT 240)
