#include "plugin/lease/guard.hpp"

#include "core/config/sections/deploy.hpp"
#include "core/errors.hpp"
#include "core/events.hpp"
#include "core/secrets.hpp"

#include <fmt/format.h>

namespace compuerta::plugin::lease {

namespace ev = core::events;

namespace {

struct Opened {
    std::string environment, run;
};

// The latest window.open whose run has not closed a window since (the rule
// of plugin/window/open_window.hpp, by run: that library links this one).
std::optional<Opened> open_in_journal(const std::vector<nlohmann::json>& events) {
    std::optional<Opened> last;
    for (const auto& line : events) {
        if (auto o = ev::as<ev::WindowOpen>(line))
            last = Opened{o->window.environment, ev::envelope(line).run};
        else if (ev::is<ev::WindowClose>(line) && last && ev::envelope(line).run == last->run)
            last.reset();
    }
    return last;
}

std::string first(std::initializer_list<std::string> values) {
    for (const auto& v : values)
        if (!v.empty())
            return v;
    return {};
}

ev::LeaseInfo info(const core::Lease& l) {
    return ev::LeaseInfo{l.environment, l.scope, l.run,     l.release, l.host,
                         l.actor,       l.job,   l.job_url, l.since};
}

core::Deadline deadline(const Binding& b) {
    return core::Deadline::after(b.settings.timeout);
}

std::string key_text(const Binding& b) {
    std::string scope = b.store ? b.store->scope() : std::string();
    return scope.empty() ? b.environment : fmt::format("{} (database {})", b.environment, scope);
}

// What to do when another run holds the lease.
std::string next_steps(const core::Lease& holder, const std::string& stale, bool from_window_open) {
    std::string s = fmt::format("Wait until that deployment ends (its `compuerta window close` or "
                                "its rollback releases the lease), or run this step inside that "
                                "run (COMPUERTA_RUN={})",
                                holder.run);
    if (!stale.empty())
        s += fmt::format("; the lease is stale ({}): `compuerta window open --take-over` takes it "
                         "and journals whom it was taken from",
                         stale);
    else if (from_window_open)
        s += fmt::format("; if that run is dead, `compuerta window close` with COMPUERTA_RUN={} "
                         "releases it, or `window open --take-over` takes it once it is older "
                         "than lease.max_age",
                         holder.run);
    return s;
}

void journal_refusal(core::cli::Invocation& inv, const Binding& b, const std::string& what,
                     const std::string& item, const core::Lease& holder, const std::string& stale) {
    core::Event e =
        ev::make(ev::LeaseRefuse{b.environment, what, info(holder), stale}, "error",
                 fmt::format("`{}` rechazado: la reserva de despliegue de {} es de la "
                             "ejecución {} ({}) desde {}",
                             what, b.environment, holder.run,
                             holder.release.empty() ? "sin versión" : holder.release, holder.since),
                 item);
    inv.journal().append(e);
}

} // namespace

Binding bind(core::cli::Invocation& inv, const std::string& environment, const std::string& run) {
    const auto& cfg = inv.config();
    Binding b;
    b.settings = core::config::lease_decl().read(cfg);
    if (b.settings.database.empty())
        b.settings.database = "postgres";
    const auto& id = inv.identity();
    auto opened = open_in_journal(inv.history().events);
    b.environment = first(
        {environment, inv.arg<std::string>("environment").value_or(""),
         opened ? opened->environment : "", cfg.at("window.environment").str_or(""), id.environment,
         core::config::deploy_decl().read(cfg).environment.value_or(""), "production"});
    b.run =
        first({run, core::RunIdentity::explicit_run(inv.env()), opened ? opened->run : "", id.run});
    b.release = first({inv.arg<std::string>("release").value_or(""),
                       cfg.at("window.release").str_or(""), id.tag});
    // The deployment's database: database.dsn (empty: the PG* variables, as
    // the db commands read it), else a command's --dsn, else PGHOST/PGDATABASE.
    core::LeaseStoreAddress a;
    bool known = false;
    if (cfg.at("database.dsn").present()) {
        known = true;
        if (auto d = cfg.at("database.dsn").try_str())
            a.target_dsn = *d;
    }
    if (a.target_dsn.empty())
        if (auto d = inv.arg<std::string>("dsn")) {
            known = true;
            a.target_dsn = *d;
        }
    if (!known && (inv.env().get("PGHOST") || inv.env().get("PGDATABASE")))
        known = true;
    a.store_dsn = b.settings.dsn;
    a.store_database = b.settings.database;
    if (known || a.store_dsn)
        b.store = core::make_libpq_lease_store(a);
    return b;
}

core::Lease me(const core::cli::Invocation& inv, const Binding& b) {
    const auto& id = inv.identity();
    core::Lease l;
    l.environment = b.environment;
    l.scope = b.store ? b.store->scope() : std::string();
    l.run = b.run;
    l.release = b.release;
    l.host = id.host;
    l.actor = id.actor;
    l.job = id.job;
    l.job_url = first(
        {inv.env().get_or("CI_JOB_URL", ""), inv.env().get_or("BUILD_URL", ""), id.pipeline_url});
    return l;
}

bool take_for_window(core::cli::Invocation& inv, Binding& b, bool take_over) {
    if (!b.store) {
        inv.warn(fmt::format("no deployment lease for {}: neither database.dsn nor lease.dsn is "
                             "set, so nothing stops another deployment of this environment from "
                             "running at the same time; set one of them (docs/window.md)",
                             b.environment));
        return false;
    }
    core::Lease wanted = me(inv, b);
    OpenResult r = open(*b.store, wanted, take_over, b.settings.max_age,
                        ended_runs(inv.history().events), deadline(b));
    const std::string where = b.store->where();
    switch (r.status) {
    case OpenStatus::unreachable:
        throw core::CannotEvaluate(fmt::format(
            "window open: cannot take the deployment lease of {} in {}: {}; nothing was "
            "started. Check that the lease store answers (lease.dsn, else database.dsn's server "
            "and lease.database; lease.timeout {} ms), then run `compuerta window open` again",
            key_text(b), where, r.error, b.settings.timeout.count()));
    case OpenStatus::refused: {
        journal_refusal(inv, b, "window open", ev::LeaseTake::item, *r.other, r.stale);
        std::string lost = r.error.empty() ? "" : "; " + r.error;
        throw core::CannotEvaluate(fmt::format(
            "window open refused: the deployment lease of {} is held by {}{}; nothing was "
            "started. {}",
            key_text(b), describe(*r.other), lost, next_steps(*r.other, r.stale, true)));
    }
    case OpenStatus::taken_over: {
        core::Event e = ev::make(
            ev::LeaseTakeover{info(r.lease), info(*r.other), r.stale}, "ok",
            fmt::format("reserva de despliegue de {} tomada de la ejecución {} ({}) por la "
                        "ejecución {}",
                        b.environment, r.other->run, r.stale, b.run));
        e.evidence["store"] = where;
        inv.journal().append(e);
        inv.out() << core::mask(fmt::format("ok   1 {}\n", e.summary));
        inv.warn(fmt::format("took over the stale deployment lease of {} from {}", key_text(b),
                             describe(*r.other)));
        return true;
    }
    case OpenStatus::taken:
    case OpenStatus::already_ours: {
        bool again = r.status == OpenStatus::already_ours;
        core::Event e = ev::make(
            ev::LeaseTake{info(r.lease), where, again}, "ok",
            fmt::format("reserva de despliegue de {} {} por la ejecución {} (desde {})",
                        b.environment, again ? "ya tomada" : "tomada", b.run, r.lease.since));
        inv.journal().append(e);
        inv.out() << core::mask(fmt::format("ok   1 {}\n", e.summary));
        return true;
    }
    }
    return false;
}

void require(core::cli::Invocation& inv, const std::string& what, const std::string& item,
             const std::string& run) {
    Binding b = bind(inv, {}, run);
    if (!b.store)
        return;
    CheckResult r = check(*b.store, b.environment, b.run, deadline(b));
    switch (r.status) {
    case CheckStatus::ours:
        return;
    case CheckStatus::none:
        inv.info(fmt::format("note: no deployment lease is held on {}: {} runs outside a "
                             "deployment window (`compuerta window open` takes the lease)",
                             key_text(b), what));
        return;
    case CheckStatus::unreachable:
        inv.warn(fmt::format("{}: cannot read the deployment lease of {} in {}: {}; going on "
                             "without it (a deployment is not stopped halfway on this; the "
                             "next `window open` checks it again)",
                             what, key_text(b), b.store->where(), r.error));
        return;
    case CheckStatus::other: {
        std::string stale =
            stale_reason(*r.holder, b.settings.max_age, ended_runs(inv.history().events));
        journal_refusal(inv, b, what, item, *r.holder, stale);
        throw core::CannotEvaluate(fmt::format(
            "{} refused (plan item {}): the deployment lease of {} is held by {}, not by this "
            "run ({}); nothing was changed. {}",
            what, item, key_text(b), describe(*r.holder), b.run,
            next_steps(*r.holder, stale, false)));
    }
    }
}

void release_at_end(core::cli::Invocation& inv, Binding& b, const std::string& reason) {
    if (!b.store)
        return;
    ReleaseResult r = release(*b.store, b.environment, b.run, deadline(b));
    switch (r.status) {
    case ReleaseStatus::released: {
        core::Event e = ev::make(ev::LeaseRelease{info(*r.holder), reason}, "ok",
                                 fmt::format("reserva de despliegue de {} liberada por la "
                                             "ejecución {} ({})",
                                             b.environment, b.run, reason));
        inv.journal().append(e);
        inv.out() << core::mask(fmt::format("ok   7 {}\n", e.summary));
        return;
    }
    case ReleaseStatus::not_held:
        inv.info(fmt::format("note: no deployment lease of {} to release for run {}", key_text(b),
                             b.run));
        return;
    case ReleaseStatus::other:
        inv.warn(fmt::format("the deployment lease of {} is held by {}, not by this run ({}): "
                             "left as it is",
                             key_text(b), describe(*r.holder), b.run));
        return;
    case ReleaseStatus::unreachable:
        inv.warn(fmt::format("cannot release the deployment lease of {} in {}: {}; it stays "
                             "held by run {} until `compuerta window close` (same run) releases "
                             "it or it goes stale (lease.max_age) and `window open --take-over` "
                             "takes it",
                             key_text(b), b.store->where(), r.error, b.run));
        return;
    }
}

} // namespace compuerta::plugin::lease
