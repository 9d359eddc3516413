#include "plugin/lease/lease.hpp"

#include "core/events.hpp"
#include "core/messages/catalog.hpp"
#include "core/util/text.hpp"

#include <fmt/format.h>

namespace compuerta::plugin::lease {

namespace ev = core::events;
namespace msg = core::msg;

std::set<std::string> ended_runs(const std::vector<nlohmann::json>& events) {
    std::set<std::string> out;
    for (const auto& line : events) {
        if (ev::is<ev::WindowClose>(line)) {
            out.insert(ev::envelope(line).run);
        } else if (auto d = ev::as<ev::RollbackDone>(line); d && d->exit_code != 4) {
            out.insert(ev::envelope(line).run);
        } else if (ev::is<ev::WindowOpen>(line)) {
            out.erase(ev::envelope(line).run); // opened again
        }
    }
    return out;
}

namespace {
std::string age_text(long long s) {
    if (s < 120)
        return fmt::format("{} s", s);
    if (s < 2 * 3600)
        return fmt::format("{} min", s / 60);
    return fmt::format("{} h {} min", s / 3600, (s % 3600) / 60);
}
} // namespace

std::string stale_reason(const core::Lease& held, core::Millis max_age,
                         const std::set<std::string>& ended) {
    if (ended.count(held.run))
        return msg::tr("lease.stale.ended", {{"run", held.run}});
    long long max_s = max_age.count() / 1000;
    if (max_s > 0 && held.age_seconds > max_s)
        return msg::tr("lease.stale.old", {{"age", age_text(held.age_seconds)}, {"max", age_text(max_s)}});
    return {};
}

OpenResult open(core::LeaseStore& store, const core::Lease& wanted, bool take_over,
                core::Millis max_age, const std::set<std::string>& ended,
                const core::Deadline& deadline) {
    OpenResult r;
    auto took = store.take(wanted, deadline);
    if (!took) {
        r.error = took.error().message;
        return r;
    }
    if (took->taken || took->holder.run == wanted.run) {
        r.status = took->taken ? OpenStatus::taken : OpenStatus::already_ours;
        r.lease = took->holder;
        return r;
    }
    r.other = took->holder;
    r.stale = stale_reason(took->holder, max_age, ended);
    r.status = OpenStatus::refused;
    if (!take_over || r.stale.empty())
        return r;
    auto over = store.take_over(wanted, took->holder, deadline);
    if (!over) {
        r.status = OpenStatus::unreachable;
        r.error = over.error().message;
        return r;
    }
    if (!*over) {
        // Released, renewed or taken by someone else meanwhile: show who holds it now.
        r.error = "the lease changed while it was being taken over";
        auto now = store.current(wanted.environment, deadline);
        if (now && now->has_value())
            r.other = **now;
        return r;
    }
    r.status = OpenStatus::taken_over;
    auto now = store.current(wanted.environment, deadline);
    r.lease = now && now->has_value() ? **now : wanted;
    return r;
}

CheckResult check(core::LeaseStore& store, const std::string& environment, const std::string& run,
                  const core::Deadline& deadline) {
    CheckResult r;
    auto held = store.current(environment, deadline);
    if (!held) {
        r.error = held.error().message;
        return r;
    }
    if (!held->has_value()) {
        r.status = CheckStatus::none;
        return r;
    }
    r.holder = **held;
    r.status = r.holder->run == run ? CheckStatus::ours : CheckStatus::other;
    return r;
}

ReleaseResult release(core::LeaseStore& store, const std::string& environment,
                      const std::string& run, const core::Deadline& deadline) {
    ReleaseResult r;
    CheckResult held = check(store, environment, run, deadline);
    r.holder = held.holder;
    r.error = held.error;
    if (held.status == CheckStatus::unreachable)
        return r;
    if (held.status != CheckStatus::ours) {
        r.status = held.status == CheckStatus::none ? ReleaseStatus::not_held : ReleaseStatus::other;
        return r;
    }
    auto gone = store.release(environment, run, deadline);
    if (!gone) {
        r.error = gone.error().message;
        return r;
    }
    r.status = *gone ? ReleaseStatus::released : ReleaseStatus::not_held;
    return r;
}

std::string describe(const core::Lease& l) {
    std::string who = msg::tr("lease.who.run", {{"run", l.run}});
    std::vector<std::string> parts;
    if (!l.release.empty())
        parts.push_back(msg::tr("lease.who.release", {{"release", l.release}}));
    if (!l.host.empty())
        parts.push_back(msg::tr("lease.who.host", {{"host", l.host}}));
    if (!l.actor.empty())
        parts.push_back(msg::tr("lease.who.user", {{"user", l.actor}}));
    if (!l.job_url.empty())
        parts.push_back(msg::tr("lease.who.job", {{"job", l.job_url}}));
    else if (!l.job.empty() && l.job != "local")
        parts.push_back(msg::tr("lease.who.job", {{"job", l.job}}));
    if (!parts.empty())
        who += " (" + core::util::join(parts, ", ") + ")";
    if (!l.since.empty())
        who += msg::tr("lease.who.since", {{"since", l.since}, {"age", age_text(l.age_seconds)}});
    return who;
}

} // namespace compuerta::plugin::lease
