#include "plugin/db/context.hpp"

#include "core/cli/given_flags.hpp"
#include "core/errors.hpp"
#include "core/messages/catalog.hpp"
#include "core/ports/texts.hpp"
#include "core/report/terminal.hpp"
#include "core/secrets.hpp"
#include "plugin/db/backups.hpp"

#include <fmt/format.h>

namespace compuerta::plugin::db {

namespace msg = core::msg;

void add_connection_options(po::options_description& d, bool lock) {
    d.add_options()("dsn", po::value<std::string>(), msg::tr("db.opt.dsn").c_str())(
        "tag", po::value<std::string>(), msg::tr("db.opt.tag").c_str())(
        "previous-tag", po::value<std::string>(), msg::tr("db.opt.previous_tag").c_str());
    if (lock)
        d.add_options()(
            "lock-wait", po::value<std::string>(),
            msg::tr("db.opt.lock_wait",
                    {{"default", core::config::database_decl().default_of("lock_wait")}})
                .c_str());
}

core::config::DatabaseSection db_settings(const core::cli::Invocation& inv,
                                          std::vector<core::config::FlagBinding> own) {
    own.push_back({"dsn", "dsn"});
    own.push_back({"lock-wait", "lock_wait"});
    return core::config::database_decl().read(inv.config(), core::cli::given_flags(inv), own);
}

DbContext DbContext::from(core::cli::Invocation& inv) {
    return from(inv, db_settings(inv));
}

DbContext DbContext::from(core::cli::Invocation& inv, core::config::DatabaseSection settings) {
    DbContext c{
        inv, inv.adapters().db(), inv.adapters().process(), std::move(settings), {}, {}, {}, {},
        {}};
    if (c.settings.dsn.present()) {
        c.dsn = c.settings.dsn.str_or("");
        core::register_dsn_secrets(c.dsn, "database.dsn");
    }
    c.db->with_database(c.dsn, "postgres"); // a DSN libpq cannot parse is a usage error, now
    c.lock_wait = c.settings.lock_wait;
    const auto& journal = inv.history();
    for (const auto& p : journal.problems)
        if (p.find("missing") == std::string::npos)
            inv.warn(p);
    c.events = journal.events;
    c.tag = inv.arg<std::string>("tag").value_or(inv.identity().tag);
    c.previous_tag = inv.arg<std::string>("previous-tag").value_or(running_release(c.events));
    return c;
}

std::unique_ptr<core::DbSession> DbContext::connect(const std::string& dsn_to_use) const {
    auto s = db->connect(dsn_to_use, "compuerta-" + inv.command().name,
                         core::Deadline::after(settings.connect_timeout));
    if (!s)
        throw core::CannotEvaluate(
            msg::tr("db.connect.failed",
                    {{"phase", core::phase_text(s.error().phase)}, {"error", s.error().message}}));
    return std::move(s.value());
}

std::string DbContext::target_database() const {
    if (auto d = db->database_in(dsn))
        return *d;
    if (auto e = inv.env().get("PGDATABASE"); e && !e->empty())
        return *e;
    return connect(dsn)->database();
}

PgTools DbContext::tools(const std::string& database) {
    PgTools t{*process, settings.pg_bin.value_or(inv.env().get_or("COMPUERTA_PG_BIN", "")),
              db->to_env(db->with_database(dsn, database)),
              [this](const std::string& l) { progress(l); }};
    t.env["PGAPPNAME"] = "compuerta-" + inv.command().name;
    return t;
}

core::Millis since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration_cast<core::Millis>(std::chrono::steady_clock::now() - t0);
}

bool database_exists(core::DbSession& admin, const std::string& database) {
    return admin.scalar("SELECT count(*) FROM pg_database WHERE datname = $1", {database})
               .value_or("0") != "0";
}

core::Event done_event(const core::cli::Invocation& inv, const std::string& event,
                       const std::string& item, const core::Outcome& outcome,
                       core::WallTime started) {
    core::Event ev;
    ev.event = event;
    ev.item = item;
    ev.status = outcome.status == core::Status::pass ? "ok" : "fail";
    ev.summary = outcome.message;
    ev.duration_ms = std::chrono::duration_cast<core::Millis>(inv.clock().now() - started).count();
    return ev;
}

int report_one(core::cli::Invocation& inv, const std::string& id, const std::string& item,
               const std::string& name, core::Outcome outcome, core::WallTime started) {
    core::CheckSpec spec{id, item, name, "db." + id, {}, core::Millis(0), core::Status::fail};
    core::CheckResult r = core::CheckResult::from(spec, std::move(outcome));
    r.started = started;
    r.duration = std::chrono::duration_cast<core::Millis>(inv.clock().now() - started);
    core::report::print_result(inv.out(), r, {inv.common().color, inv.common().verbosity});
    core::report::Suite suite = inv.make_suite("compuerta.db." + id);
    suite.results.push_back(std::move(r));
    return inv.report(std::move(suite));
}

} // namespace compuerta::plugin::db
