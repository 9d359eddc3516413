# Hardening (issue 15) through the built executables: every output scanned
# for seeded secrets and personal data, report paths, durations.
compuerta_test(e2e_hardening SOURCES ${CMAKE_CURRENT_LIST_DIR}/hardening/outputs_e2e_test.cpp)
add_dependencies(e2e_hardening compuerta-notify compuerta-deploy compuerta-db-migrate)
