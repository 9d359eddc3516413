# One validation (issue 13, item 4): each broken configuration in
# tests/fixtures/config/broken/ states the problems `config check` and one
# command reading that key must both report (file:line:column and message);
# the example configurations stay valid.
file(GLOB broken_configs CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/tests/fixtures/config/broken/*.yaml)
foreach(fixture IN LISTS broken_configs)
  get_filename_component(case ${fixture} NAME_WE)
  add_test(NAME config.broken.${case}
    COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/config/broken_config_test.sh ${PROJECT_BINARY_DIR}/bin/compuerta ${fixture})
  set_tests_properties(config.broken.${case} PROPERTIES TIMEOUT 60 LABELS config)
endforeach()
add_test(NAME config.valid_examples
  COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/config/valid_examples_test.sh ${PROJECT_BINARY_DIR}/bin/compuerta
          ${PROJECT_SOURCE_DIR})
set_tests_properties(config.valid_examples PROPERTIES TIMEOUT 60 LABELS config)
