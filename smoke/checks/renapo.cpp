#include "smoke/checks/renapo.hpp"

#include "core/config/rules.hpp"
#include "core/errors.hpp"
#include "core/messages/catalog.hpp"
#include "core/secrets.hpp"
#include "smoke/checks/http.hpp"
#include "smoke/renapo/curp.hpp"

#include <fmt/format.h>

namespace compuerta::smoke::checks {

namespace msg = core::msg;

namespace {

bool content_type_fits(renapo::Shape shape, const std::string& ct) {
    if (shape == renapo::Shape::json)
        return ct.find("json") != std::string::npos;
    return ct.find("xml") != std::string::npos;
}

} // namespace

std::optional<std::string> verify_renapo_answer(renapo::Shape shape, const std::string& curp,
                                                bool expect_found, const core::HttpResponse& resp,
                                                core::Evidence& ev) {
    std::string ct = resp.header("content-type").value_or("");
    if (!content_type_fits(shape, ct))
        return msg::tr(
            "smoke.renapo.content_type",
            {{"content_type", ct},
             {"expected", shape == renapo::Shape::json ? "application/json" : "text/xml"},
             {"shape", renapo::to_string(shape)}});
    if (resp.truncated)
        return msg::tr("smoke.renapo.truncated");
    auto parsed = renapo::parse_answer(shape, resp.body);
    if (!parsed)
        return msg::tr("smoke.renapo.malformed", {{"reason", parsed.error().message}});
    const renapo::Answer& a = parsed.value();
    if (!a.code.empty())
        ev.emplace_back("renapo_code", a.code);
    if (!a.message.empty())
        ev.emplace_back("renapo_message", a.message);
    if (a.person) {
        if (!a.person->status_curp.empty())
            ev.emplace_back("status_curp", a.person->status_curp);
    }
    if (!expect_found) {
        if (a.success)
            return msg::tr("smoke.renapo.found_unexpected", {{"curp", curp}});
        ev.emplace_back("answer", msg::tr("smoke.renapo.not_found_as_expected", {{"curp", curp}}));
        return std::nullopt;
    }
    if (!a.success)
        return a.code.empty()
                   ? msg::tr("smoke.renapo.not_found", {{"curp", curp}, {"message", a.message}})
                   : msg::tr("smoke.renapo.not_found.code",
                             {{"curp", curp}, {"message", a.message}, {"code", a.code}});
    if (!a.person || a.person->curp != curp)
        return msg::tr("smoke.renapo.other_curp",
                       {{"got", a.person ? a.person->curp : ""}, {"curp", curp}});
    ev.emplace_back(
        "answer",
        msg::tr("smoke.renapo.found",
                {{"curp", curp},
                 {"status", a.person->status_curp.empty() ? "?" : a.person->status_curp}}));
    return std::nullopt;
}

const cfg::SectionDecl<RenapoConfig>& renapo_decl() {
    static const cfg::SectionDecl<RenapoConfig> decl = [] {
        using C = RenapoConfig;
        namespace s = cfg::s;
        cfg::SectionDecl<C> d("renapo");
        declare_http_shared(d);
        placed_text(d, "endpoint", &C::endpoint, s::url("config.smoke.checks.renapo.endpoint"))
            .required();
        d.choice("shape", &C::shape, {"json", "soap"}, "json", "config.smoke.checks.renapo.shape");
        placed_text(d, "curp", &C::curp,
                    s::with_rule(s::str("config.smoke.checks.renapo.curp"), "curp"))
            .required()
            .text("user", &C::user, "", "config.smoke.checks.renapo.user")
            .text_node("password", &C::password, s::secret("config.smoke.checks.renapo.password"),
                       "")
            .text_node("token", &C::token, s::secret("config.smoke.checks.renapo.token"), "")
            .text("entity", &C::entity, "", "config.smoke.checks.renapo.entity")
            .choice("expect", &C::expect, {"found", "not_found"}, "found",
                    "config.smoke.checks.renapo.expect");
        return d;
    }();
    return decl;
}

std::shared_ptr<core::Check> make_renapo(const core::config::Value& def, core::CheckSpec spec,
                                         const SuiteContext& ctx) {
    const RenapoConfig c = renapo_decl().read(def);
    const std::string& curp = c.curp.value;
    if (auto why = renapo::curp_problem_text(curp); !why.empty())
        throw core::ConfigError(msg::tr("smoke.renapo.config.curp", {{"where", c.curp.where()},
                                                                     {"check", spec.id},
                                                                     {"curp", curp},
                                                                     {"reason", why},
                                                                     {"path", def.path()}}));
    renapo::Shape shape = c.shape == "soap" ? renapo::Shape::soap : renapo::Shape::json;
    renapo::Credentials creds;
    creds.user = c.user;
    creds.password = c.password;
    creds.token = c.token;
    creds.entity = c.entity;
    const std::string& endpoint = c.endpoint.value;
    if (auto why = core::config::url_problem(endpoint, {"http", "https"}))
        throw core::ConfigError(
            fmt::format("{}: {}: {}", c.endpoint.where(), c.endpoint.path(), *why));
    core::register_url_secrets(endpoint, spec.id + ".endpoint");

    HttpOptions o;
    o.request = renapo::build_request(shape, endpoint, curp, creds);
    o.expect_status = {200};
    read_common_http_options(c, ctx, o);
    bool expect_found = c.expect == "found";
    o.verify = [shape, curp, expect_found](const core::HttpResponse& resp, core::Evidence& ev) {
        return verify_renapo_answer(shape, curp, expect_found, resp, ev);
    };
    if (ctx.ports.http == nullptr)
        throw std::logic_error("http port missing");
    return std::make_shared<HttpCheck>(std::move(spec), std::move(o), *ctx.ports.http);
}

} // namespace compuerta::smoke::checks
