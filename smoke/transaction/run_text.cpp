#include "smoke/transaction/run_text.hpp"

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
        out += fmt::format(
            "; replayed from an earlier run (pid {}, started {}): {} cleanup(s) done ({})",
            earlier_pid, earlier_started, replay_done.size(), quoted_list(replay_done));
        if (waited_ms > 0)
            out += fmt::format(
                ", confirmed after waiting {} ms for its in-flight request's deadline", waited_ms);
    }
    if (!conflict_retried.empty())
        out += fmt::format(
            "; \"{}\" answered 409 for an earlier run's leftover, cleaned it up and retried once",
            conflict_retried);
    for (const auto& e : unconfirmed)
        out += fmt::format(
            "; the cleanup of \"{}\" ({}) found nothing while {} may still commit (until {}): the "
            "ledger {} keeps it and the next run confirms it",
            e.step, e.this_run ? "this run" : fmt::format("earlier run, pid {}", e.origin_pid),
            e.waits_for, until_text(e.waits_until_ms), ledger);
    return out;
}

core::Outcome RunText::replay_failed(const std::vector<std::string>& problems) const {
    core::Outcome o = core::Outcome::make(
        core::Status::fail,
        fmt::format("an earlier run (pid {}, {}) left test data behind and its "
                    "cleanup failed: {}. The ledger {} is "
                    "kept; fix the cause and run again",
                    earlier_pid, earlier_started, problems.front(), ledger),
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
    std::string cleanup =
        problems.empty()
            ? "cleanups ran"
            : fmt::format("cleanup failed: {}; the ledger {} is kept and the next run replays it",
                          problems.front(), ledger);
    core::Status status = core::Status::pass;
    std::string msg;
    if (!failure.empty()) {
        status = core::Status::fail;
        msg = failure + "; " + cleanup;
        if (signal != 0)
            msg += fmt::format("; then interrupted by {}", signal_name(signal));
    } else if (signal != 0) {
        // A cancelled job is not evidence against the release (exit 3, not 1).
        status = problems.empty() ? core::Status::error : core::Status::fail;
        msg = fmt::format("interrupted by {} {}; {}; could not evaluate: run smoke again",
                          signal_name(signal), signal_where, cleanup);
    } else if (!problems.empty()) {
        status = core::Status::fail;
        msg = fmt::format("{}: {} step(s) passed; {}", scenario, done, cleanup);
    } else {
        status = unconfirmed.empty() ? core::Status::pass : core::Status::warn;
        msg = fmt::format("{}: {} step(s) passed in {} ms{}{}", scenario, done, total_ms,
                          has_sql ? "; database transaction rolled back" : "",
                          has_http ? "; cleanups ran" : "");
    }
    core::Outcome o = core::Outcome::make(status, core::mask(msg + replay_clause()), std::move(ev));
    for (const auto& p : problems)
        o.detail += p + "\n";
    return o;
}

} // namespace compuerta::smoke::transaction
