#include "core/secrets.hpp"
#include "smoke/renapo/shapes.hpp"

#include <gtest/gtest.h>

using namespace compuerta::smoke::renapo;

TEST(RenapoShapes, JsonRequestCarriesCurpAndSearchType) {
    Credentials c;
    c.user = "sep-muses";
    c.password = "clave-secreta-1";
    auto req = build_request(Shape::json, "https://renapo.example/consulta", "HEGG560427MVZRRL04", c);
    EXPECT_EQ(req.method, "POST");
    EXPECT_EQ(req.body, R"({"curp":"HEGG560427MVZRRL04","tipoBusqueda":"curp"})");
    bool basic = false;
    for (const auto& [k, v] : req.headers)
        if (k == "Authorization") {
            EXPECT_EQ(v, "Basic c2VwLW11c2VzOmNsYXZlLXNlY3JldGEtMQ==");
            EXPECT_EQ(compuerta::core::mask(v), "Basic ***");
            basic = true;
        }
    EXPECT_TRUE(basic);
}

TEST(RenapoShapes, SoapRequestEscapesAndCarriesCredentials) {
    Credentials c{"usr&1", "p<w>d-long", "", "09"};
    auto req = build_request(Shape::soap, "http://x/ConsultaPorCurp", "HEGG560427MVZRRL04", c);
    EXPECT_NE(req.body.find("<cveCurp>HEGG560427MVZRRL04</cveCurp>"), std::string::npos);
    EXPECT_NE(req.body.find("<usuario>usr&amp;1</usuario>"), std::string::npos);
    EXPECT_NE(req.body.find("<password>p&lt;w&gt;d-long</password>"), std::string::npos);
    auto q = parse_request(Shape::soap, req.body);
    ASSERT_TRUE(q.ok());
    EXPECT_EQ(q->creds.password, "p<w>d-long");
}

TEST(RenapoShapes, ParsesJsonAnswer) {
    auto a = parse_answer(Shape::json, R"({"codigo":"01","mensaje":"ok","registros":[{"curp":"HEGG560427MVZRRL04",
        "nombres":"GLORIA","primerApellido":"HERNANDEZ","segundoApellido":"GARCIA","statusCurp":"AN"}]})");
    ASSERT_TRUE(a.ok()) << a.error().message;
    EXPECT_TRUE(a->success);
    ASSERT_TRUE(a->person.has_value());
    EXPECT_EQ(a->person->curp, "HEGG560427MVZRRL04");
    EXPECT_EQ(a->person->status_curp, "AN");
}

TEST(RenapoShapes, JsonNotFoundIsNoSuccess) {
    auto a = parse_answer(Shape::json, R"({"codigo":"02","mensaje":"No encontrada","registros":[]})");
    ASSERT_TRUE(a.ok());
    EXPECT_FALSE(a->success);
    EXPECT_EQ(a->message, "No encontrada");
}

TEST(RenapoShapes, MalformedJsonIsAnError) {
    EXPECT_FALSE(parse_answer(Shape::json, R"({"codigo":"01","regis)").ok());
    EXPECT_FALSE(parse_answer(Shape::json, R"(["codigo"])").ok());
    EXPECT_FALSE(parse_answer(Shape::json, R"({"mensaje":"x"})").ok());
}

TEST(RenapoShapes, ParsesSoapAnswerWithAnyPrefix) {
    const char* xml = R"(<?xml version="1.0"?>
<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body>
<ns3:consultarPorCurpResponse xmlns:ns3="urn:x"><return>
<StatusOper>EXITOSO</StatusOper><TipoError/><CodigoError/><CURP>HEGG560427MVZRRL04</CURP>
<nombres>GLORIA</nombres><apellido1>HERNANDEZ</apellido1><apellido2>GARCIA</apellido2><statusCurp>AN</statusCurp>
</return></ns3:consultarPorCurpResponse></S:Body></S:Envelope>)";
    auto a = parse_answer(Shape::soap, xml);
    ASSERT_TRUE(a.ok()) << a.error().message;
    EXPECT_TRUE(a->success);
    EXPECT_EQ(a->person->nombres, "GLORIA");
    EXPECT_EQ(a->person->status_curp, "AN");
}

TEST(RenapoShapes, SoapNoExitosoAndFault) {
    auto a = parse_answer(Shape::soap, "<r><StatusOper>NO EXITOSO</StatusOper><TipoError>CURP no encontrada"
                                       "</TipoError><CodigoError>06</CodigoError></r>");
    ASSERT_TRUE(a.ok());
    EXPECT_FALSE(a->success);
    EXPECT_EQ(a->code, "06");
    auto f = parse_answer(Shape::soap, "<e><faultcode>soap:Server</faultcode><faultstring>boom</faultstring></e>");
    ASSERT_TRUE(f.ok());
    EXPECT_FALSE(f->success);
    EXPECT_EQ(f->message, "SOAP Fault: boom");
    EXPECT_FALSE(parse_answer(Shape::soap, "<r><StatusOper>EXITOSO</Status").ok());
    EXPECT_FALSE(parse_answer(Shape::soap, "<r/>").ok());
}

TEST(RenapoShapes, RenderedAnswersParseBack) {
    Person p{"HEGG560427MVZRRL04", "GLORIA", "HERNANDEZ", "GARCIA", "M", "1956-04-27", "VZ", "AN"};
    for (Shape s : {Shape::json, Shape::soap}) {
        auto found = parse_answer(s, render_answer(s, p.curp, &p));
        ASSERT_TRUE(found.ok());
        EXPECT_TRUE(found->success);
        EXPECT_EQ(found->person->segundo_apellido, "GARCIA");
        auto missing = parse_answer(s, render_answer(s, "GOCM800101HDFMRR00", nullptr));
        ASSERT_TRUE(missing.ok());
        EXPECT_FALSE(missing->success);
    }
}
