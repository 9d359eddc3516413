# The deployment window end to end: the built commands, one journal, the
# checklist and post-mortem (HTML screenshotted in headless Chromium).
compuerta_test(window_e2e
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/window/window_pipeline_test.cpp
  LIBS compuerta_window)
add_dependencies(window_e2e compuerta-maintenance compuerta-notify compuerta-signoff compuerta-window
                 compuerta-checklist)
