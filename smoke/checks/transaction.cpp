#include "smoke/checks/transaction.hpp"

#include "core/config/sections/database.hpp"
#include "core/errors.hpp"
#include "core/journal.hpp"
#include "core/messages/catalog.hpp"
#include "core/secrets.hpp"

#include <csignal>
#include <filesystem>
#include <fmt/format.h>

namespace compuerta::smoke::checks {

namespace fs = std::filesystem;

TransactionCheck::TransactionCheck(core::CheckSpec spec, transaction::Scenario scenario,
                                   transaction::ExecutorOptions opts, std::shared_ptr<core::Db> db,
                                   std::shared_ptr<core::Http> http)
    : core::Check(std::move(spec)), m_scenario(std::move(scenario)), m_opts(std::move(opts)),
      m_db(std::move(db)), m_http(std::move(http)) {}

core::Outcome TransactionCheck::run(const core::Deadline& deadline) {
    return transaction::execute(m_scenario, m_opts, *m_db, *m_http, deadline);
}

const cfg::SectionDecl<TransactionConfig>& transaction_decl() {
    static const cfg::SectionDecl<TransactionConfig> decl = [] {
        using C = TransactionConfig;
        namespace s = cfg::s;
        cfg::SectionDecl<C> d("transaction");
        d.text("scenario", &C::scenario, "", "config.smoke.checks.transaction.scenario")
            .required()
            .optional_text("dsn", &C::dsn, s::dsn("config.smoke.checks.transaction.dsn"))
            .text_node("base_url", &C::base_url, s::url("config.smoke.checks.transaction.base_url"),
                       "")
            .text_map("vars", &C::vars, "config.smoke.checks.transaction.vars")
            .text_map("headers", &C::headers, "config.smoke.checks.transaction.headers")
            .optional_text("ledger_dir", &C::ledger_dir,
                           s::str("config.smoke.checks.transaction.ledger_dir"));
        return d;
    }();
    return decl;
}

std::shared_ptr<core::Check> make_transaction(const core::config::Value& def, core::CheckSpec spec,
                                              const SuiteContext& ctx) {
    const TransactionConfig c = transaction_decl().read(def);
    fs::path path(c.scenario);
    if (path.is_relative() && ctx.config.loaded())
        path = fs::path(ctx.config.file()).parent_path() / path;
    transaction::Scenario sc = transaction::load_scenario(path.string(), ctx.env);
    // Two scenarios must not share a JUnit testcase name: the scenario names it.
    if (!check_common_decl().read(def).name)
        spec.name += ": " + sc.name;

    transaction::ExecutorOptions o;
    o.check_id = spec.id;
    if (c.dsn)
        o.dsn = *c.dsn;
    else if (ctx.dsn_flag)
        o.dsn = *ctx.dsn_flag;
    else if (auto conf = core::config::configured_dsn(ctx.config); conf.present())
        o.dsn = conf.str_or("");
    core::register_dsn_secrets(o.dsn, spec.id + ".dsn");
    o.base_url = c.base_url;
    if (!o.base_url.empty())
        core::register_url_secrets(o.base_url, spec.id + ".base_url");
    for (const auto& [k, v] : c.vars)
        o.vars[k] = v;
    o.headers = c.headers;
    if (sc.has_http() && o.base_url.empty()) {
        for (const auto& st : sc.steps)
            if (st.request && st.request->url.rfind("http", 0) != 0)
                throw core::ConfigError(
                    core::msg::tr("smoke.tx.config.relative_paths",
                                  {{"where", def.where()}, {"check", spec.id}, {"file", sc.file}}));
    }
    fs::path ledger_dir = c.ledger_dir
                              ? fs::path(*c.ledger_dir)
                              : core::Journal::resolve_dir(ctx.journal_dir, ctx.env) / "ledger";
    o.ledger = ledger_dir / (spec.id + ".json");
    // Test hook: SIGKILL the process right after step N, or after the final
    // cleanups were sent ("cleanup"); tests prove the ledger.
    if (auto k = ctx.env.get("COMPUERTA_TEST_KILL_AFTER_STEP"); k && !k->empty()) {
        try {
            o.kill_after_step = *k == "cleanup" ? -1 : std::stoi(*k);
        } catch (const std::exception&) {
            throw core::UsageError(core::msg::tr("smoke.tx.config.kill_hook"));
        }
        std::string sig = ctx.env.get_or("COMPUERTA_TEST_KILL_SIGNAL", "KILL");
        o.kill_signal = sig == "TERM" ? SIGTERM : sig == "INT" ? SIGINT : SIGKILL;
    }
    // The suite's ports, which outlive the checks (held, not owned).
    if (ctx.ports.db == nullptr || ctx.ports.http == nullptr)
        throw std::logic_error(
            "make_transaction: ctx.ports.db == nullptr || ctx.ports.http == nullptr");
    std::shared_ptr<core::Db> db(ctx.ports.db, [](core::Db*) {});
    std::shared_ptr<core::Http> http(ctx.ports.http, [](core::Http*) {});
    return std::make_shared<TransactionCheck>(std::move(spec), std::move(sc), std::move(o),
                                              std::move(db), std::move(http));
}

} // namespace compuerta::smoke::checks
