# cmake -DCOMPUERTA=BIN -DOUT=DIR -P man_pages.cmake
# Writes the man pages (DIR/man1/*.1.gz in English, DIR/es/man1/*.1.gz in
# Spanish, gzip -9n as Debian wants; man(1) picks the Spanish ones by the
# reader's locale: LANG=es_MX.UTF-8 man compuerta) and the bash completion
# (DIR/bash-completion/compuerta) from the built compuerta's command registry,
# so neither is ever written by hand.
foreach(lang IN ITEMS en es)
  if(lang STREQUAL "en")
    set(dir ${OUT}/man1)
  else()
    set(dir ${OUT}/${lang}/man1)
  endif()
  file(REMOVE_RECURSE ${dir})
  execute_process(COMMAND ${COMPUERTA} help --man ${dir} --lang ${lang} RESULT_VARIABLE rc
                  ERROR_VARIABLE err OUTPUT_QUIET)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "compuerta help --man ${dir} --lang ${lang} failed (${rc}): ${err}")
  endif()
  file(GLOB pages ${dir}/*.1)
  foreach(page IN LISTS pages)
    execute_process(COMMAND gzip -9nf ${page} RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "gzip ${page} failed (${rc})")
    endif()
  endforeach()
endforeach()
file(MAKE_DIRECTORY ${OUT}/bash-completion)
execute_process(COMMAND ${COMPUERTA} completion bash OUTPUT_FILE ${OUT}/bash-completion/compuerta
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "compuerta completion bash failed (${rc}): ${err}")
endif()
