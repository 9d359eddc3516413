# cmake -DCOMPUERTA=BIN -DOUT=DIR -P man_pages.cmake
# Writes the man pages (DIR/man1/*.1.gz, gzip -9n as Debian wants) and the
# bash completion (DIR/bash-completion/compuerta) from the built compuerta's
# command registry, so neither is ever written by hand.
file(REMOVE_RECURSE ${OUT}/man1)
execute_process(COMMAND ${COMPUERTA} help --man ${OUT}/man1 RESULT_VARIABLE rc ERROR_VARIABLE err
                OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "compuerta help --man ${OUT}/man1 failed (${rc}): ${err}")
endif()
file(GLOB pages ${OUT}/man1/*.1)
foreach(page IN LISTS pages)
  execute_process(COMMAND gzip -9nf ${page} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "gzip ${page} failed (${rc})")
  endif()
endforeach()
file(MAKE_DIRECTORY ${OUT}/bash-completion)
execute_process(COMMAND ${COMPUERTA} completion bash OUTPUT_FILE ${OUT}/bash-completion/compuerta
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "compuerta completion bash failed (${rc}): ${err}")
endif()
