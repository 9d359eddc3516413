# The message catalogs: po/<lang>/*.po merged (msgcat), checked (msgfmt
# --check: syntax, headers, format) and compiled into C++ tables
# (po_to_cpp.py) that compuerta_core embeds: no .mo file to install, no
# locale, no library to load at start-up.
find_program(COMPUERTA_MSGCAT msgcat REQUIRED)
find_program(COMPUERTA_MSGFMT msgfmt REQUIRED)
find_package(Python3 REQUIRED COMPONENTS Interpreter)
set(COMPUERTA_LANGS en es)
set(catalog_dir ${CMAKE_CURRENT_BINARY_DIR}/catalogs)
set(catalog_pos)
set(catalog_args)
foreach(lang IN LISTS COMPUERTA_LANGS)
  file(GLOB po_files CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/po/${lang}/*.po)
  list(SORT po_files)
  add_custom_command(
    OUTPUT ${catalog_dir}/${lang}.po
    COMMAND ${CMAKE_COMMAND} -E make_directory ${catalog_dir}
    COMMAND ${COMPUERTA_MSGCAT} --no-wrap -o ${catalog_dir}/${lang}.po ${po_files}
    COMMAND ${COMPUERTA_MSGFMT} --check -o ${catalog_dir}/${lang}.mo ${catalog_dir}/${lang}.po
    DEPENDS ${po_files}
    COMMENT "Checking the ${lang} message catalog"
    VERBATIM)
  list(APPEND catalog_pos ${catalog_dir}/${lang}.po)
  list(APPEND catalog_args ${lang}=${catalog_dir}/${lang}.po)
endforeach()
add_custom_command(
  OUTPUT ${catalog_dir}/catalog_data.cpp
  COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/messages/po_to_cpp.py ${catalog_dir}/catalog_data.cpp
          ${catalog_args}
  DEPENDS ${catalog_pos} ${CMAKE_CURRENT_SOURCE_DIR}/messages/po_to_cpp.py
  COMMENT "Compiling the message catalogs"
  VERBATIM)
set(COMPUERTA_CATALOG_SOURCE ${catalog_dir}/catalog_data.cpp)
