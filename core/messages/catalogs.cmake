# The message catalogs: po/<lang>/*.po merged (msgcat), checked and compiled
# (msgfmt --check), then embedded into compuerta_core as byte arrays.
find_program(COMPUERTA_MSGCAT msgcat REQUIRED)
find_program(COMPUERTA_MSGFMT msgfmt REQUIRED)
set(COMPUERTA_LANGS en es)
set(catalog_dir ${CMAKE_CURRENT_BINARY_DIR}/catalogs)
set(catalog_mos)
foreach(lang IN LISTS COMPUERTA_LANGS)
  file(GLOB po_files CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/po/${lang}/*.po)
  list(SORT po_files)
  add_custom_command(
    OUTPUT ${catalog_dir}/${lang}.mo
    COMMAND ${CMAKE_COMMAND} -E make_directory ${catalog_dir}
    COMMAND ${COMPUERTA_MSGCAT} --no-wrap -o ${catalog_dir}/${lang}.po ${po_files}
    COMMAND ${COMPUERTA_MSGFMT} --check -o ${catalog_dir}/${lang}.mo ${catalog_dir}/${lang}.po
    DEPENDS ${po_files}
    COMMENT "Compiling the ${lang} message catalog"
    VERBATIM)
  list(APPEND catalog_mos ${catalog_dir}/${lang}.mo)
endforeach()
string(REPLACE ";" "," langs_arg "${COMPUERTA_LANGS}")
add_custom_command(
  OUTPUT ${catalog_dir}/catalog_data.cpp
  COMMAND ${CMAKE_COMMAND} -DLANGS=${langs_arg} -DDIR=${catalog_dir} -DOUT=${catalog_dir}/catalog_data.cpp
          -P ${CMAKE_CURRENT_SOURCE_DIR}/messages/embed.cmake
  DEPENDS ${catalog_mos} ${CMAKE_CURRENT_SOURCE_DIR}/messages/embed.cmake
  COMMENT "Embedding the message catalogs"
  VERBATIM)
set(COMPUERTA_CATALOG_SOURCE ${catalog_dir}/catalog_data.cpp)
# For the catalog test: the merged .po files.
set(COMPUERTA_CATALOG_DIR ${catalog_dir} CACHE INTERNAL "")
