#include "core/errors.hpp"
#include "smoke/transaction/scenario.hpp"
#include "smoke/transaction/template.hpp"

#include <gtest/gtest.h>

using namespace compuerta;
using namespace compuerta::smoke::transaction;

TEST(Scenario, ParsesSqlAndHttpSteps) {
    core::MapEnv env(std::map<std::string, std::string>{{"CCT", "09DPR0001A"}});
    auto sc = parse_scenario(R"(
name: Inscripción
vars: {cct: "${CCT}", curp: XEXX010101HNEXXXA4}
steps:
  - name: alta
    sql: INSERT INTO alumnos (curp) VALUES ($1) RETURNING id
    params: ["{{curp}}"]
    capture: {alumno_id: id}
    expect: {rows: 1}
  - name: inscribir
    request:
      method: post
      path: /api/inscripciones
      json: {curp: "{{curp}}", grado: 3, activo: true}
    expect: {status: [200, 201], json: {/estado: activa}}
    capture:
      id: {json: /id}
      folio: {regex: 'folio":"([^"]+)'}
      loc: {header: Location}
    cleanup: {method: DELETE, path: "/api/pruebas/alumnos/{{curp}}", status: [204, 404]}
)",
                             "s.yml", env);
    ASSERT_EQ(sc.steps.size(), 2u);
    EXPECT_EQ(sc.vars.at("cct"), "09DPR0001A");
    EXPECT_TRUE(sc.steps[0].sql);
    EXPECT_EQ(sc.steps[0].captures.at(0).expr, "id");
    const auto& h = sc.steps[1];
    ASSERT_TRUE(h.request);
    EXPECT_EQ(h.request->method, "POST");
    EXPECT_EQ((*h.request->json)["grado"], 3);
    EXPECT_EQ((*h.request->json)["activo"], true);
    EXPECT_EQ(h.captures.size(), 3u);
    EXPECT_EQ(h.cleanup->ok_status, (std::vector<long>{204, 404}));
    auto r = render_request(*h.request, sc.vars, "http://127.0.0.1:1/", {{"X-Bypass", "1"}});
    ASSERT_TRUE(r);
    EXPECT_EQ(r->request.url, "http://127.0.0.1:1/api/inscripciones");
    EXPECT_NE(r->request.body.find("XEXX010101HNEXXXA4"), std::string::npos);
    EXPECT_EQ(r->request.headers.front().first, "X-Bypass");
}

TEST(Scenario, RefusesStatementsThatEndTheTransaction) {
    core::MapEnv env;
    for (const char* sql : {"COMMIT", "  -- comentario\n commit;", "/* x */ END", "ROLLBACK", "begin", "PREPARE TRANSACTION 'x'"}) {
        std::string escaped;
        for (const char* c = sql; *c != 0; ++c) escaped += *c == '\n' ? std::string("\\n") : std::string(1, *c);
        std::string text = "name: x\nsteps:\n  - name: s\n    sql: \"" + escaped + "\"\n";
        try {
            parse_scenario(text, "s.yml", env);
            ADD_FAILURE() << "accepted " << sql;
        } catch (const core::ConfigError& e) {
            EXPECT_NE(std::string(e.what()).find("s.yml:4:"), std::string::npos) << e.what();
            EXPECT_NE(std::string(e.what()).find("rolls back"), std::string::npos) << e.what();
        }
    }
}

TEST(Scenario, SchemaErrorsCarryFileLineColumn) {
    core::MapEnv env;
    try {
        parse_scenario("name: x\nsteps:\n  - name: s\n    sqll: SELECT 1\n", "s.yml", env);
        FAIL();
    } catch (const core::ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find("s.yml:4:"), std::string::npos) << e.what();
    }
    EXPECT_THROW(parse_scenario("name: x\nsteps:\n  - name: s\n    sql: SELECT 1\n    request: {path: /}\n", "s.yml", env),
                 core::ConfigError);
}

TEST(Template, UnknownVariableIsNamed) {
    auto r = render("/api/{{ id }}/baja", {{"x", "1"}});
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("{{id}}"), std::string::npos);
    EXPECT_EQ(*render("/api/{{ id }}/baja", {{"id", "7"}}), "/api/7/baja");
}
