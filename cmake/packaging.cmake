# What the .deb carries besides the executables (docs/packaging.md): man pages
# and bash completion generated from the built compuerta, templates, hooks and
# nginx snippets under share/compuerta/, the copyright and changelog; and the
# CPack DEB settings. The version comes from `git describe`.

# --- version: v0.2.0 -> 0.2.0; v0.2.0-3-gabc1234 -> 0.2.0+git3.abc1234; no
# tag -> PROJECT_VERSION+gitCOUNT.HASH; not in git -> PROJECT_VERSION.
set(COMPUERTA_PACKAGE_VERSION ${PROJECT_VERSION})
set(COMPUERTA_GIT_DESCRIBE "compuerta ${PROJECT_VERSION} (not built from git)")
set(COMPUERTA_SOURCE_EPOCH "")
find_package(Git QUIET)
if(GIT_FOUND AND EXISTS ${PROJECT_SOURCE_DIR}/.git)
  execute_process(COMMAND ${GIT_EXECUTABLE} describe --tags --long --match "v[0-9]*"
                  WORKING_DIRECTORY ${PROJECT_SOURCE_DIR} OUTPUT_VARIABLE describe
                  RESULT_VARIABLE rc OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  execute_process(COMMAND ${GIT_EXECUTABLE} log -1 --format=%ct
                  WORKING_DIRECTORY ${PROJECT_SOURCE_DIR} OUTPUT_VARIABLE COMPUERTA_SOURCE_EPOCH
                  OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  if(rc EQUAL 0 AND describe MATCHES "^v([0-9][0-9A-Za-z.~+]*)-([0-9]+)-g([0-9a-f]+)$")
    set(COMPUERTA_PACKAGE_VERSION ${CMAKE_MATCH_1})
    if(NOT CMAKE_MATCH_2 EQUAL 0)
      string(APPEND COMPUERTA_PACKAGE_VERSION "+git${CMAKE_MATCH_2}.${CMAKE_MATCH_3}")
    endif()
    set(COMPUERTA_GIT_DESCRIBE "git describe ${describe}")
  else()
    execute_process(COMMAND ${GIT_EXECUTABLE} rev-list --count HEAD
                    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR} OUTPUT_VARIABLE count
                    OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
    execute_process(COMMAND ${GIT_EXECUTABLE} rev-parse --short=7 HEAD
                    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR} OUTPUT_VARIABLE hash
                    OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
    if(count AND hash)
      set(COMPUERTA_PACKAGE_VERSION "${PROJECT_VERSION}+git${count}.${hash}")
      set(COMPUERTA_GIT_DESCRIBE "commit ${hash} (no v* tag yet)")
    endif()
  endif()
endif()

# The team's real address replaces this placeholder before a release.
set(COMPUERTA_MAINTAINER "compuerta maintainers <compuerta-maintainers@sep-muses.example.org>"
    CACHE STRING "Maintainer field of the .deb and its changelog")

# --- man pages and bash completion, from the registry of the built binary.
set(generated ${PROJECT_BINARY_DIR}/generated)
add_custom_command(
  OUTPUT ${generated}/man-pages.stamp
  COMMAND ${CMAKE_COMMAND} -E env ASAN_OPTIONS=detect_leaks=0 SOURCE_DATE_EPOCH=${COMPUERTA_SOURCE_EPOCH}
          ${CMAKE_COMMAND} -DCOMPUERTA=$<TARGET_FILE:compuerta> -DOUT=${generated}
          -P ${PROJECT_SOURCE_DIR}/cmake/man_pages.cmake
  COMMAND ${CMAKE_COMMAND} -E touch ${generated}/man-pages.stamp
  DEPENDS compuerta ${PROJECT_SOURCE_DIR}/cmake/man_pages.cmake
  COMMENT "Man pages and bash completion from compuerta's command registry" VERBATIM)
add_custom_target(compuerta-man-pages ALL DEPENDS ${generated}/man-pages.stamp)
install(DIRECTORY ${generated}/man1/ DESTINATION ${CMAKE_INSTALL_MANDIR}/man1
        FILES_MATCHING PATTERN "*.1.gz")
install(DIRECTORY ${generated}/es/man1/ DESTINATION ${CMAKE_INSTALL_MANDIR}/es/man1
        FILES_MATCHING PATTERN "*.1.gz")
install(FILES ${generated}/bash-completion/compuerta
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)
# bash-completion loads a command's file by the command's name: each
# compuerta-COMMAND link gets a link to the same script.
foreach(link IN LISTS COMPUERTA_LINKS)
  install(CODE "file(CREATE_LINK compuerta \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_DATADIR}/bash-completion/completions/compuerta-${link}\" SYMBOLIC)")
endforeach()

# --- what pipelines and servers take from the package.
install(DIRECTORY ci/ DESTINATION ${CMAKE_INSTALL_DATADIR}/compuerta/ci USE_SOURCE_PERMISSIONS)
if(EXISTS ${PROJECT_SOURCE_DIR}/templates)
  install(DIRECTORY templates/ DESTINATION ${CMAKE_INSTALL_DATADIR}/compuerta/templates)
endif()
install(DIRECTORY scripts/hooks/ DESTINATION ${CMAKE_INSTALL_DATADIR}/compuerta/hooks
        USE_SOURCE_PERMISSIONS)

# --- copyright and changelog, as Debian wants them in the package's doc dir.
configure_file(packaging/copyright ${generated}/copyright @ONLY)
if(COMPUERTA_SOURCE_EPOCH)
  execute_process(COMMAND date -u -R -d @${COMPUERTA_SOURCE_EPOCH}
                  OUTPUT_VARIABLE COMPUERTA_CHANGELOG_DATE OUTPUT_STRIP_TRAILING_WHITESPACE)
else()
  string(TIMESTAMP COMPUERTA_CHANGELOG_DATE "%a, %d %b %Y %H:%M:%S +0000" UTC)
endif()
set(COMPUERTA_DEB_VERSION "${COMPUERTA_PACKAGE_VERSION}-1")
configure_file(packaging/changelog.Debian.in ${generated}/changelog.Debian @ONLY)
execute_process(COMMAND gzip -9nc ${generated}/changelog.Debian
                OUTPUT_FILE ${generated}/changelog.Debian.gz)
install(FILES ${generated}/copyright ${generated}/changelog.Debian.gz DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES packaging/lintian-overrides DESTINATION ${CMAKE_INSTALL_DATADIR}/lintian/overrides
        RENAME compuerta)

# --- the .deb
set(CPACK_PACKAGE_NAME compuerta)
set(CPACK_PACKAGE_VERSION ${COMPUERTA_PACKAGE_VERSION})
set(CPACK_PACKAGE_CONTACT "${COMPUERTA_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "deployment-plan gates, smoke tests and automatic rollback")
set(CPACK_PACKAGE_DESCRIPTION
    "compuerta turns a deployment plan into commands that a GitLab or Jenkins\n"
    "pipeline calls stage by stage: release, QA and defect gates, environment\n"
    "checks, a verified PostgreSQL backup, migrations, the deploy, smoke tests\n"
    "(database, RENAPO, test transactions, logs) and an automatic rollback.\n"
    "Each command writes JUnit XML, appends to an audit journal and exits with\n"
    "a code that opens or closes the gate.")
string(REPLACE ";" "" CPACK_PACKAGE_DESCRIPTION "${CPACK_PACKAGE_DESCRIPTION}")
set(CPACK_GENERATOR DEB)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "postgresql-client")
set(CPACK_DEBIAN_PACKAGE_SECTION admin)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
