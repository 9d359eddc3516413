# The demo runs once per language (demo_run.sh, fixture `demo_runs`) into
# e2e-demo/ of the build directory; the golden check here and the language
# check (language.cmake) read those runs: two demo pipelines, not three.
set(COMPUERTA_DEMO_RUNS ${PROJECT_BINARY_DIR}/e2e-demo)
foreach(lang IN ITEMS es en)
  add_test(NAME e2e_demo_run.${lang}
    COMMAND ${CMAKE_CURRENT_LIST_DIR}/demo_run.sh ${PROJECT_SOURCE_DIR} ${PROJECT_BINARY_DIR}/bin
            ${COMPUERTA_DEMO_RUNS} ${lang})
  # COST: the longest tests start first, so a fresh build directory (CI: no
  # CTestCostData.txt yet) does not end with them running alone on one core.
  set_tests_properties(e2e_demo_run.${lang} PROPERTIES TIMEOUT 600 LABELS e2e FIXTURES_SETUP demo_runs
                       RESOURCE_LOCK demo COST 150)
endforeach()
# The demo's checklists and post-mortem against golden files in Spanish and
# English, and its HTML page in headless Chromium (demo_golden.sh).
add_test(NAME e2e_demo_golden
  COMMAND ${CMAKE_CURRENT_LIST_DIR}/demo_golden.sh ${PROJECT_SOURCE_DIR} ${PROJECT_BINARY_DIR}/bin
          ${COMPUERTA_DEMO_RUNS})
set_tests_properties(e2e_demo_golden PROPERTIES TIMEOUT 300 LABELS e2e FIXTURES_REQUIRED demo_runs COST 20)
