// The gates (3.1 qa, 3.2 defects) speak the run's language: a real QA check
// over the JUnit fixtures, and the defects verdict, in Spanish and English,
// with singular and plural forms from the catalog (po/<lang>/gates.po).
#include "core/messages/catalog.hpp"
#include "plugin/gates/common.hpp"
#include "plugin/gates/defects/defects_check.hpp"
#include "plugin/gates/qa/qa_check.hpp"

#include <gtest/gtest.h>

namespace msg = compuerta::core::msg;
namespace core = compuerta::core;
namespace gates = compuerta::plugin::gates;

namespace {

std::string junit(const std::string& name) {
    return std::string(COMPUERTA_SOURCE_DIR) + "/tests/fixtures/gates/junit/" + name;
}

// Sets the run's language for one test and puts English back afterwards.
struct InLanguage {
    explicit InLanguage(msg::Lang lang) { msg::set_current(lang); }
    ~InLanguage() { msg::set_current(msg::Lang::en); }
    InLanguage(const InLanguage&) = delete;
    InLanguage& operator=(const InLanguage&) = delete;
};

core::Outcome run_qa(std::vector<std::string> globs, std::string* name = nullptr) {
    gates::QaOptions o;
    o.globs = std::move(globs);
    gates::QaReportsCheck check(gates::make_spec("qa-reports", "3.1",
                                                 msg::tr("gates.qa.check.reports"), "gate.qa",
                                                 core::Millis(60'000)),
                                std::move(o));
    if (name)
        *name = check.spec().name;
    return check.run(core::Deadline::after(core::Millis(60'000)));
}

TEST(GatesMessages, QaReportsInSpanish) {
    InLanguage es(msg::Lang::es);
    std::string name;
    auto one = run_qa({junit("go.xml")}, &name);
    EXPECT_EQ(name, "Pruebas de QA aprobadas");
    EXPECT_EQ(one.status, core::Status::warn); // one skipped test warns by default
    // Singular and plural forms side by side: 1 reporte, 1 omitida, 0 fallidas.
    EXPECT_EQ(one.message, "3 pruebas en 1 reporte: 0 fallidas, 0 con error, 1 omitida, 0 "
                           "aprobadas solo al reintentar");

    auto two = run_qa({junit("go.xml"), junit("green.xml")});
    EXPECT_EQ(two.message, "5 pruebas en 2 reportes: 0 fallidas, 0 con error, 1 omitida, 0 "
                           "aprobadas solo al reintentar");

    auto red = run_qa({junit("pytest.xml"), junit("missing-*.xml")});
    EXPECT_EQ(red.status, core::Status::fail);
    EXPECT_EQ(red.message.rfind("el glob de reportes \"" + junit("missing-*.xml") +
                                    "\" no encontró ningún archivo",
                                0),
              0u)
        << red.message;
    EXPECT_NE(
        red.message.find(
            "; 1 prueba fallida (se permiten como máximo 0); 1 prueba con error (se permiten como "
            "máximo 0) (5 pruebas en 1 reporte: 1 fallida, 1 con error, 1 omitida, 0 aprobadas "
            "solo al reintentar) — el release no pasó QA: corrija o vuelva a ejecutar la etapa de "
            "QA"),
        std::string::npos)
        << red.message;
    EXPECT_NE(red.detail.find("falla: tests.test_inscripcion.test_curp_invalida — AssertionError: "
                              "assert 400 == 422\n"),
              std::string::npos)
        << red.detail;
    EXPECT_NE(red.detail.find("problema en un reporte: el glob de reportes"), std::string::npos)
        << red.detail;
    // Evidence keys stay English: they are identifiers, not prose.
    bool has_tests_key = false;
    for (const auto& [key, value] : red.evidence)
        has_tests_key = has_tests_key || key == "tests";
    EXPECT_TRUE(has_tests_key);
}

TEST(GatesMessages, QaReportsInEnglish) {
    InLanguage en(msg::Lang::en);
    std::string name;
    auto one = run_qa({junit("go.xml")}, &name);
    EXPECT_EQ(name, "QA tests passed");
    EXPECT_EQ(one.message,
              "3 tests in 1 report: 0 failed, 0 errors, 1 skipped, 0 passed only on rerun");
    auto red = run_qa({junit("pytest.xml")});
    EXPECT_EQ(
        red.message,
        "1 failed test (at most 0 allowed); 1 test in error (at most 0 allowed) (5 tests in 1 "
        "report: 1 failed, 1 error, 1 skipped, 0 passed only on rerun) — the release did not pass "
        "QA: fix or re-run the QA stage");
    EXPECT_NE(red.detail.find("error: tests.test_baja.test_baja_doble — failed on setup with"),
              std::string::npos)
        << red.detail;
}

TEST(GatesMessages, DefectsVerdictCountsInBothLanguages) {
    std::vector<gates::Defect> one = {{"#7", "Falla en alta", "http://t/7"}};
    std::vector<gates::Defect> three = {{"#1", "a", ""}, {"#2", "b", ""}, {"#3", "c", ""}};
    {
        InLanguage es(msg::Lang::es);
        EXPECT_EQ(gates::judge_defects(one, {0, 0}, "q").message,
                  "1 defecto abierto coincide (q) y se permiten como máximo 0: #7 — ciérrelo o "
                  "vuelva a clasificarlo "
                  "antes de la ventana");
        EXPECT_EQ(gates::judge_defects(three, {0, 3}, "q").message,
                  "3 defectos abiertos coinciden (q); se permiten de 0 a 3");
    }
    EXPECT_EQ(gates::judge_defects(one, {0, 0}, "q").message,
              "1 open defect matches (q), at most 0 allowed: #7 — close or re-triage it before the "
              "window");
    EXPECT_EQ(gates::judge_defects(three, {0, 3}, "q").message,
              "3 open defects match (q); allowed 0..3");
}

} // namespace
