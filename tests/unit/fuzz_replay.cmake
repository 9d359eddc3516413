# Every fuzz target's committed corpus (tests/fuzz/corpus/<target>/), replayed
# once through the same target with a small main() in this build (g++, ASan,
# UBSan): a crash or sanitizer report found by fuzzing stays fixed. No timed
# fuzzing here; scripts/fuzz.sh does that with clang.
set(fuzz_dir ${PROJECT_SOURCE_DIR}/tests/fuzz)
include(${fuzz_dir}/targets.cmake)
foreach(t IN LISTS COMPUERTA_FUZZ_TARGETS)
  add_executable(${t}_replay ${fuzz_dir}/${t}.cpp ${fuzz_dir}/replay_main.cpp)
  target_link_libraries(${t}_replay PRIVATE compuerta_settings ${COMPUERTA_FUZZ_LIBS_${t}})
  target_compile_options(${t}_replay PRIVATE ${compuerta_test_flags})
  add_test(NAME fuzz_replay.${t} COMMAND ${t}_replay ${fuzz_dir}/corpus/${t})
  set_tests_properties(fuzz_replay.${t} PROPERTIES TIMEOUT 240 LABELS fuzz)
endforeach()
