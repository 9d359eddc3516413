#include "smoke/transaction/run_text.hpp"

#include "core/messages/catalog.hpp"
#include "core/ports/clock.hpp"
#include "core/secrets.hpp"

#include <chrono>
#include <csignal>
#include <fmt/format.h>

namespace compuerta::smoke::transaction {

namespace {

std::string signal_name(int sig) {
    return sig == SIGINT ? "SIGINT" : sig == SIGTERM ? "SIGTERM" : std::to_string(sig);
}

std::string quoted_list(const std::vector<std::string>& steps) {
    std::string out;
    for (const auto& s : steps)
        out += (out.empty() ? "\"" : ", \"") + s + "\"";
    return out;
}

std::string until_text(long long ms) {
    return core::format_rfc3339(
        std::chrono::system_clock::time_point(std::chrono::milliseconds(ms)));
}

} // namespace

void RunText::add_replay(const Cleanups::Sweep& s) {
    for (const auto& e : s.confirmed)
        if (!e.this_run)
            replay_done.push_back(e.step);
}

void RunText::interrupted(int sig, std::string where) {
    signal = sig;
    signal_where = std::move(where);
}

std::string RunText::replay_clause() const {
    std::string out;
    if (!replay_done.empty()) {
        core::msg::Params p = {{"pid", earlier_pid},
                               {"started", earlier_started},
                               {"steps", quoted_list(replay_done)}};
        auto n = static_cast<long long>(replay_done.size());
        if (waited_ms > 0) {
            p.emplace_back("waited_ms", waited_ms);
            out += core::msg::trn("smoke.tx.replayed.waited", n, p);
        } else {
            out += core::msg::trn("smoke.tx.replayed", n, p);
        }
    }
    if (!conflict_retried.empty())
        out += core::msg::tr("smoke.tx.conflict_retried", {{"step", conflict_retried}});
    for (const auto& e : unconfirmed)
        out += core::msg::tr(e.this_run ? "smoke.tx.unconfirmed.this_run"
                                        : "smoke.tx.unconfirmed.earlier_run",
                             {{"step", e.step},
                              {"pid", e.origin_pid},
                              {"request", e.waits_for},
                              {"until", until_text(e.waits_until_ms)},
                              {"ledger", ledger}});
    return out;
}

core::Outcome RunText::replay_failed(const std::vector<std::string>& problems) const {
    core::Outcome o = core::Outcome::make(
        core::Status::fail,
        core::msg::tr("smoke.tx.replay_failed", {{"pid", earlier_pid},
                                                 {"started", earlier_started},
                                                 {"problem", problems.front()},
                                                 {"ledger", ledger}}),
        {{"ledger", ledger}, {"replayed", core::EvidenceValue::integer(replayed)}});
    for (const auto& p : problems)
        o.detail += p + "\n";
    return o;
}

void RunText::add_evidence(core::Evidence& ev) const {
    ev.emplace_back("replayed_cleanups", core::EvidenceValue::integer(replayed));
    ev.emplace_back("replayed_done", core::EvidenceValue::integer(replay_done.size()));
    if (waited_ms > 0)
        ev.emplace_back("confirm_wait_ms", core::EvidenceValue::integer(waited_ms));
    if (!unconfirmed.empty())
        ev.emplace_back("unconfirmed_cleanups", core::EvidenceValue::integer(unconfirmed.size()));
    if (!conflict_retried.empty())
        ev.emplace_back("conflict_retried", conflict_retried);
    if (stale_temps > 0)
        ev.emplace_back("stale_temp_files_removed", core::EvidenceValue::integer(stale_temps));
    for (const auto& [k, v] : identity)
        ev.emplace_back("identity." + k, v);
    if (signal != 0)
        ev.emplace_back("interrupted", signal_name(signal));
}

core::Outcome RunText::outcome(const std::vector<std::string>& problems, std::size_t done,
                               bool has_sql, bool has_http, long long total_ms,
                               core::Evidence ev) const {
    std::string cleanup = problems.empty()
                              ? core::msg::tr("smoke.tx.cleanups_ran")
                              : core::msg::tr("smoke.tx.cleanup_failed",
                                              {{"problem", problems.front()}, {"ledger", ledger}});
    core::Status status = core::Status::pass;
    std::string msg;
    if (!failure.empty()) {
        status = core::Status::fail;
        msg = signal != 0
                  ? core::msg::tr("smoke.tx.failed.interrupted", {{"failure", failure},
                                                                  {"cleanup", cleanup},
                                                                  {"signal", signal_name(signal)}})
                  : core::msg::tr("smoke.tx.failed", {{"failure", failure}, {"cleanup", cleanup}});
    } else if (signal != 0) {
        // A cancelled job is not evidence against the release (exit 3, not 1).
        status = problems.empty() ? core::Status::error : core::Status::fail;
        msg = core::msg::tr(
            "smoke.tx.interrupted",
            {{"signal", signal_name(signal)}, {"where", signal_where}, {"cleanup", cleanup}});
    } else if (!problems.empty()) {
        status = core::Status::fail;
        msg = core::msg::trn("smoke.tx.steps_passed.cleanup_failed", static_cast<long long>(done),
                             {{"scenario", scenario}, {"cleanup", cleanup}});
    } else {
        status = unconfirmed.empty() ? core::Status::pass : core::Status::warn;
        // One message per combination: the clauses read whole in each language.
        const char* id = has_sql && has_http ? "smoke.tx.passed.sql_http"
                         : has_sql           ? "smoke.tx.passed.sql"
                         : has_http          ? "smoke.tx.passed.http"
                                             : "smoke.tx.passed";
        msg = core::msg::trn(id, static_cast<long long>(done),
                             {{"scenario", scenario}, {"ms", total_ms}});
    }
    core::Outcome o = core::Outcome::make(status, core::mask(msg + replay_clause()), std::move(ev));
    for (const auto& p : problems)
        o.detail += p + "\n";
    return o;
}

} // namespace compuerta::smoke::transaction
