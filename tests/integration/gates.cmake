# Gates qa, defects, env: the built executables against real reports, a
# local fake GitLab/Jira API (tests/fixtures/gates/fake_api.py), the
# throwaway PostgreSQL and certificates made with openssl.
compuerta_test(it_gates_qa SOURCES ${CMAKE_CURRENT_LIST_DIR}/gates/qa_it.cpp LIBS compuerta_gates LABELS gates)
compuerta_test(it_gates_defects SOURCES ${CMAKE_CURRENT_LIST_DIR}/gates/defects_it.cpp LIBS compuerta_gates LABELS gates)
compuerta_test(it_gates_env SOURCES ${CMAKE_CURRENT_LIST_DIR}/gates/env_it.cpp LIBS compuerta_gates LABELS gates PG)
foreach(t it_gates_qa it_gates_defects it_gates_env)
  add_dependencies(${t} compuerta-gate-qa compuerta-gate-defects compuerta-gate-env)
endforeach()
