# The fuzz targets and the libraries each needs; included by the libFuzzer
# build (tests/fuzz/CMakeLists.txt, clang) and by the corpus replay in the
# CI build (tests/unit/fuzz_replay.cmake, g++ + ASan).
set(COMPUERTA_FUZZ_TARGETS
  config_fuzz journal_fuzz junit_fuzz manifest_fuzz flyway_fuzz curp_fuzz
  assertion_fuzz renapo_fuzz api_answer_fuzz mask_fuzz)
set(COMPUERTA_FUZZ_LIBS_config_fuzz compuerta_smoke)
set(COMPUERTA_FUZZ_LIBS_journal_fuzz compuerta_core)
set(COMPUERTA_FUZZ_LIBS_junit_fuzz compuerta_gates)
set(COMPUERTA_FUZZ_LIBS_manifest_fuzz compuerta_db)
set(COMPUERTA_FUZZ_LIBS_flyway_fuzz compuerta_db)
set(COMPUERTA_FUZZ_LIBS_curp_fuzz compuerta_smoke)
set(COMPUERTA_FUZZ_LIBS_assertion_fuzz compuerta_smoke)
set(COMPUERTA_FUZZ_LIBS_renapo_fuzz compuerta_smoke)
set(COMPUERTA_FUZZ_LIBS_api_answer_fuzz compuerta_gates compuerta_window)
set(COMPUERTA_FUZZ_LIBS_mask_fuzz compuerta_smoke)
