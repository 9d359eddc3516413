# One language per output: the demo in Spanish and in English, scanned for
# the other language's common words (language/demo_language.sh).
# It reads the two demo runs of demo.cmake (fixture `demo_runs`).
add_test(NAME e2e_demo_language
  COMMAND ${CMAKE_CURRENT_LIST_DIR}/language/demo_language.sh ${PROJECT_SOURCE_DIR} ${PROJECT_BINARY_DIR}/bin
          ${COMPUERTA_DEMO_RUNS})
set_tests_properties(e2e_demo_language PROPERTIES TIMEOUT 300 LABELS e2e FIXTURES_REQUIRED demo_runs COST 20)
# The scanner's own cases (what counts as prose, what is data).
add_test(NAME e2e_stopwords_selftest COMMAND python3 ${CMAKE_CURRENT_LIST_DIR}/language/stopwords.py --selftest)
set_tests_properties(e2e_stopwords_selftest PROPERTIES TIMEOUT 60 LABELS e2e)
# No new user-facing prose outside the catalog (language/literals.py; its
# baseline counts what is left per file and may only go down).
add_test(NAME lint_literals COMMAND python3 ${CMAKE_CURRENT_LIST_DIR}/language/literals.py ${PROJECT_SOURCE_DIR})
set_tests_properties(lint_literals PROPERTIES TIMEOUT 60 LABELS lint)
add_test(NAME lint_literals_selftest COMMAND python3 ${CMAKE_CURRENT_LIST_DIR}/language/literals.py --selftest)
set_tests_properties(lint_literals_selftest PROPERTIES TIMEOUT 60 LABELS lint)

# Every --help and man page in one language (language/help_language.sh).
add_test(NAME e2e_help_language
  COMMAND ${CMAKE_CURRENT_LIST_DIR}/language/help_language.sh ${PROJECT_SOURCE_DIR} ${PROJECT_BINARY_DIR}/bin)
set_tests_properties(e2e_help_language PROPERTIES TIMEOUT 300 LABELS e2e COST 45)
