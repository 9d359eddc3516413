# The deployment window (plugin/window): plan model, record, renderers,
# notifications, maintenance backends, sign-offs — with fakes.
compuerta_test(window_unit
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/window/plan_record_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/window/render_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/window/actions_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/window/outcome_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/window/language_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/window/sections_test.cpp
  LIBS compuerta_window)
