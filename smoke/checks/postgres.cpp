#include "smoke/checks/postgres.hpp"

#include "core/config/sections/database.hpp"
#include "core/errors.hpp"
#include "core/messages/catalog.hpp"
#include "core/ports/texts.hpp"
#include "core/secrets.hpp"

#include <fmt/format.h>

namespace compuerta::smoke::checks {

namespace msg = core::msg;

PostgresCheck::PostgresCheck(core::CheckSpec spec, PostgresOptions opts, core::Postgres& pg)
    : core::Check(std::move(spec)), m_opts(std::move(opts)), m_pg(pg) {}

core::Outcome PostgresCheck::run(const core::Deadline& deadline) {
    auto probe = m_pg.probe(m_opts.dsn, m_opts.query, deadline);
    if (!probe) {
        const auto& f = probe.error();
        // Like http: the message starts with the phase that failed.
        core::Outcome o =
            core::Outcome::make(core::Status::fail,
                                msg::tr("smoke.postgres.failed",
                                        {{"phase", phase_text(f.phase)}, {"message", f.message}}),
                                {{"phase", std::string(core::to_string(f.phase))},
                                 {"timed_out", core::EvidenceValue::boolean(f.timed_out)}});
        // A bad DSN is a configuration problem, not an outage.
        if (f.phase == core::PgPhase::config)
            o.status = core::Status::error;
        return o;
    }
    const core::PgProbe& p = probe.value();
    core::Evidence ev = {{"server_version", p.server_version},
                         {"host", p.host},
                         {"database", p.database},
                         {"dns_ms", core::EvidenceValue::millis(p.dns)},
                         {"connect_ms", core::EvidenceValue::millis(p.connect)},
                         {"query_ms", core::EvidenceValue::millis(p.query)}};
    std::string summary = msg::tr("smoke.postgres.connected", {{"version", p.server_version},
                                                               {"host", p.host},
                                                               {"database", p.database},
                                                               {"connect_ms", p.connect.count()},
                                                               {"query_ms", p.query.count()}});
    if (m_opts.query == "SELECT 1" && p.first_value != "1")
        return core::Outcome::make(
            core::Status::fail, msg::tr("smoke.postgres.select1", {{"value", p.first_value}}), ev);
    if (m_opts.crit_latency && p.connect > *m_opts.crit_latency)
        return core::Outcome::make(
            core::Status::fail,
            msg::tr("smoke.postgres.latency.crit",
                    {{"summary", summary}, {"threshold_ms", m_opts.crit_latency->count()}}),
            ev);
    if (m_opts.warn_latency && p.connect > *m_opts.warn_latency)
        return core::Outcome::make(
            core::Status::warn,
            msg::tr("smoke.postgres.latency.warn",
                    {{"summary", summary}, {"threshold_ms", m_opts.warn_latency->count()}}),
            ev);
    return core::Outcome::make(core::Status::pass, summary, ev);
}

const cfg::SectionDecl<PostgresConfig>& postgres_decl() {
    static const cfg::SectionDecl<PostgresConfig> decl = [] {
        using C = PostgresConfig;
        cfg::SectionDecl<C> d("postgres");
        d.optional_text("dsn", &C::dsn, cfg::s::dsn("config.smoke.checks.postgres.dsn"))
            .text("query", &C::query, PostgresOptions{}.query,
                  "config.smoke.checks.postgres.query");
        placed_optional_duration(d, "warn_latency", &C::warn_latency,
                                 "config.smoke.checks.postgres.warn_latency")
            .optional_duration("crit_latency", &C::crit_latency,
                               "config.smoke.checks.postgres.crit_latency");
        return d;
    }();
    return decl;
}

std::shared_ptr<core::Check> make_postgres(const core::config::Value& def, core::CheckSpec spec,
                                           const SuiteContext& ctx) {
    const PostgresConfig c = postgres_decl().read(def);
    PostgresOptions o;
    if (c.dsn)
        o.dsn = *c.dsn;
    else if (ctx.dsn_flag)
        o.dsn = *ctx.dsn_flag;
    else if (auto conf = core::config::configured_dsn(ctx.config); conf.present())
        o.dsn = conf.str_or("");
    o.query = c.query;
    o.warn_latency = c.warn_latency.value;
    o.crit_latency = c.crit_latency;
    if (o.warn_latency && o.crit_latency && *o.warn_latency > *o.crit_latency)
        throw core::ConfigError(
            msg::tr("smoke.config.warn_above_crit",
                    {{"where", c.warn_latency.where()}, {"path", c.warn_latency.path()}}));
    core::register_dsn_secrets(o.dsn, spec.id + ".dsn");
    if (ctx.ports.postgres == nullptr)
        throw std::logic_error("postgres port missing");
    return std::make_shared<PostgresCheck>(std::move(spec), std::move(o), *ctx.ports.postgres);
}

} // namespace compuerta::smoke::checks
