# The demo end to end, its checklists and post-mortem against golden files in
# Spanish and English, and its HTML page in headless Chromium (demo_golden.sh).
add_test(NAME e2e_demo_golden
  COMMAND ${CMAKE_CURRENT_LIST_DIR}/demo_golden.sh ${PROJECT_SOURCE_DIR} ${PROJECT_BINARY_DIR}/bin)
# COST: the longest tests start first, so a fresh build directory (CI: no
# CTestCostData.txt yet) does not end with them running alone on one core.
set_tests_properties(e2e_demo_golden PROPERTIES TIMEOUT 600 LABELS e2e RESOURCE_LOCK demo COST 90)
