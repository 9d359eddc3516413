#include "plugin/lease/guard.hpp"

#include "core/config/sections/database.hpp"
#include "core/config/sections/deploy.hpp"
#include "core/config/sections/plan.hpp"
#include "core/errors.hpp"
#include "core/events.hpp"
#include "core/messages/catalog.hpp"
#include "core/secrets.hpp"

#include <fmt/format.h>

namespace compuerta::plugin::lease {

namespace ev = core::events;
namespace msg = core::msg;

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
    return scope.empty() ? b.environment
                         : msg::tr("lease.key_with_database", {{"environment", b.environment}, {"database", scope}});
}

// What to do when another run holds the lease.
std::string next_steps(const core::Lease& holder, const std::string& stale, bool from_window_open) {
    std::string s = msg::tr("lease.next.wait", {{"run", holder.run}});
    if (!stale.empty())
        return msg::tr("lease.next.stale", {{"steps", s}, {"stale", stale}});
    if (from_window_open)
        return msg::tr("lease.next.dead", {{"steps", s}, {"run", holder.run}});
    return s;
}

void journal_refusal(core::cli::Invocation& inv, const Binding& b, const std::string& what,
                     const std::string& item, const core::Lease& holder, const std::string& stale) {
    core::Event e =
        ev::make(ev::LeaseRefuse{b.environment, what, info(holder), stale}, "error",
                 msg::tr("lease.journal.refused",
                         {{"what", what},
                          {"environment", b.environment},
                          {"run", holder.run},
                          {"release", holder.release.empty() ? msg::tr("lease.no_release") : holder.release},
                          {"since", holder.since}}),
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
    const auto window = core::config::window_decl().read(cfg);
    b.environment =
        first({environment, inv.arg<std::string>("environment").value_or(""),
               opened ? opened->environment : "", window.environment.str_or(""), id.environment,
               core::config::deploy_decl().read(cfg).environment.value_or(""), "production"});
    b.run =
        first({run, core::RunIdentity::explicit_run(inv.env()), opened ? opened->run : "", id.run});
    b.release =
        first({inv.arg<std::string>("release").value_or(""), window.release.str_or(""), id.tag});
    // The deployment's database: database.dsn (empty: the PG* variables, as
    // the db commands read it), else a command's --dsn, else PGHOST/PGDATABASE.
    core::LeaseStoreAddress a;
    bool known = false;
    if (auto d = core::config::configured_dsn(cfg); d.present()) {
        known = true;
        if (d.usable())
            a.target_dsn = d.str();
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
        b.store = inv.adapters().lease_store(a);
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
        inv.warn(msg::tr("lease.none_configured", {{"environment", b.environment}}));
        return false;
    }
    core::Lease wanted = me(inv, b);
    OpenResult r = open(*b.store, wanted, take_over, b.settings.max_age,
                        ended_runs(inv.history().events), deadline(b));
    const std::string where = b.store->where();
    switch (r.status) {
    case OpenStatus::unreachable:
        throw core::CannotEvaluate(msg::tr("lease.open.unreachable", {{"key", key_text(b)},
                                                                       {"where", where},
                                                                       {"problem", r.error},
                                                                       {"timeout_ms", b.settings.timeout.count()}}));
    case OpenStatus::refused: {
        journal_refusal(inv, b, "window open", ev::LeaseTake::item, *r.other, r.stale);
        std::string lost = r.error.empty() ? "" : "; " + r.error;
        throw core::CannotEvaluate(msg::tr("lease.open.refused", {{"key", key_text(b)},
                                                                  {"holder", describe(*r.other)},
                                                                  {"lost", lost},
                                                                  {"next", next_steps(*r.other, r.stale, true)}}));
    }
    case OpenStatus::taken_over: {
        core::Event e = ev::make(
            ev::LeaseTakeover{info(r.lease), info(*r.other), r.stale}, "ok",
            msg::tr("lease.journal.taken_over",
                    {{"environment", b.environment}, {"from", r.other->run}, {"stale", r.stale}, {"run", b.run}}));
        e.evidence["store"] = where;
        inv.journal().append(e);
        inv.out() << core::mask(fmt::format("ok   1 {}\n", e.summary));
        inv.warn(msg::tr("lease.took_over", {{"key", key_text(b)}, {"holder", describe(*r.other)}}));
        return true;
    }
    case OpenStatus::taken:
    case OpenStatus::already_ours: {
        bool again = r.status == OpenStatus::already_ours;
        core::Event e = ev::make(
            ev::LeaseTake{info(r.lease), where, again}, "ok",
            msg::tr(again ? "lease.journal.already_taken" : "lease.journal.taken",
                    {{"environment", b.environment}, {"run", b.run}, {"since", r.lease.since}}));
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
        inv.info(msg::tr("lease.none_held", {{"key", key_text(b)}, {"what", what}}));
        return;
    case CheckStatus::unreachable:
        inv.warn(msg::tr("lease.unreadable",
                         {{"what", what}, {"key", key_text(b)}, {"where", b.store->where()}, {"problem", r.error}}));
        return;
    case CheckStatus::other: {
        std::string stale =
            stale_reason(*r.holder, b.settings.max_age, ended_runs(inv.history().events));
        journal_refusal(inv, b, what, item, *r.holder, stale);
        throw core::CannotEvaluate(msg::tr("lease.step_refused", {{"what", what},
                                                                  {"item", item},
                                                                  {"key", key_text(b)},
                                                                  {"holder", describe(*r.holder)},
                                                                  {"run", b.run},
                                                                  {"next", next_steps(*r.holder, stale, false)}}));
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
                                 msg::tr("lease.journal.released",
                                         {{"environment", b.environment}, {"run", b.run}, {"reason", reason}}));
        inv.journal().append(e);
        inv.out() << core::mask(fmt::format("ok   7 {}\n", e.summary));
        return;
    }
    case ReleaseStatus::not_held:
        inv.info(msg::tr("lease.nothing_to_release", {{"key", key_text(b)}, {"run", b.run}}));
        return;
    case ReleaseStatus::other:
        inv.warn(msg::tr("lease.held_by_other", {{"key", key_text(b)}, {"holder", describe(*r.holder)}, {"run", b.run}}));
        return;
    case ReleaseStatus::unreachable:
        inv.warn(msg::tr("lease.release_failed",
                         {{"key", key_text(b)}, {"where", b.store->where()}, {"problem", r.error}, {"run", b.run}}));
        return;
    }
}

} // namespace compuerta::plugin::lease
