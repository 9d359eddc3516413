#include "smoke/transaction/executor.hpp"

#include "core/messages/catalog.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/texts.hpp"
#include "core/secrets.hpp"
#include "smoke/transaction/cleanups.hpp"
#include "smoke/transaction/interrupt.hpp"
#include "smoke/transaction/run_text.hpp"

#include <algorithm>
#include <chrono>
#include <csignal>
#include <fmt/format.h>
#include <unistd.h>

namespace compuerta::smoke::transaction {

namespace {

using Clock = std::chrono::steady_clock;

long long ms_since(Clock::time_point t) {
    return std::chrono::duration_cast<core::Millis>(Clock::now() - t).count();
}

// The expectation with {{name}} filled in its expected values.
core::Result<Expect> render_expect(const Expect& e, const Vars& vars) {
    Expect out = e;
    for (auto* m : {&out.row, &out.json, &out.headers})
        for (auto& [k, v] : *m) {
            auto r = render(v, vars);
            if (!r)
                return r.error();
            v = *r;
        }
    for (auto& v : out.body_contains) {
        auto r = render(v, vars);
        if (!r)
            return r.error();
        v = *r;
    }
    return out;
}

// Ends the SQL steps' transaction: rolled back and the connection closed (a
// lost connection has rolled back on the server already). Never throws.
void rollback(std::unique_ptr<core::DbSession>& tx) noexcept {
    if (!tx)
        return;
    try {
        tx->exec("ROLLBACK");
    } catch (...) {
    }
    tx.reset();
}

// What one HTTP or SQL step gave.
struct StepResult {
    std::string bad; // empty: passed
    long status = 0; // HTTP status, 0 when none
};

struct Run {
    const Scenario& sc;
    const ExecutorOptions& opts;
    core::Db& db;
    core::Http& http;
    const core::Deadline& deadline;
    LedgerFile file{opts.ledger};
    Ledger ledger{};
    Cleanups cleanups{file, ledger, http, opts.cleanup_timeout};
    Vars vars{};
    std::map<std::string, std::string> identity{}; // pool values of this run
    std::unique_ptr<core::DbSession> tx{};         // the open transaction
    core::Evidence ev{};

    void save_ledger() { file.save(ledger); }

    // Each pool variable takes the first value that no unconfirmed cleanup
    // of an earlier run holds (all held: the first; a conflict then clears it).
    void pick_identity() {
        for (const auto& [name, pool] : sc.pools) {
            if (opts.vars.count(name) != 0)
                continue; // the check's own value wins
            std::string pick = pool.front();
            for (const auto& v : pool) {
                bool held = std::any_of(ledger.entries.begin(), ledger.entries.end(),
                                        [&](const LedgerEntry& e) {
                                            auto it = e.identity.find(name);
                                            return it != e.identity.end() && it->second == v;
                                        });
                if (!held) {
                    pick = v;
                    break;
                }
            }
            vars[name] = pick;
            identity[name] = pick;
        }
    }

    // An SQL step.
    StepResult sql_step(const Step& st) {
        if (!tx) {
            auto c = db.connect(opts.dsn, "compuerta smoke " + opts.check_id, deadline);
            if (!c)
                return {core::msg::tr("smoke.tx.sql.begin",
                                      {{"phase", core::phase_text(c.error().phase)},
                                       {"message", c.error().message}})};
            try {
                (*c)->exec("BEGIN");
            } catch (const core::DbError& e) {
                return {core::msg::tr(
                    "smoke.tx.sql.begin",
                    {{"phase", core::phase_text(core::PgPhase::query)}, {"message", e.what()}})};
            }
            tx = std::move(c.value());
        }
        std::vector<std::string> params;
        for (const auto& p : st.params) {
            auto r = render(p, vars);
            if (!r)
                return {r.error().message};
            params.push_back(*r);
        }
        std::optional<core::SqlRows> r;
        try {
            r = tx->statement(*st.sql, params, deadline);
        } catch (const core::DbError& e) {
            const bool late = e.cancelled() || deadline.expired();
            return {core::msg::tr(late ? "smoke.tx.sql.timeout" : "smoke.tx.sql.failed",
                                  {{"message", e.what()}})};
        }
        auto want = render_expect(st.expect, vars);
        if (!want)
            return {want.error().message};
        if (auto bad = check_sql(*want, *r); !bad.empty())
            return {bad};
        auto caps = capture_sql(st.captures, *r);
        if (!caps)
            return {caps.error().message};
        for (auto& [k, v] : *caps)
            vars[k] = v;
        return {};
    }

    // An HTTP step. Its cleanup enters the ledger before the request is sent,
    // marked in flight until the request's deadline; the mark goes when an
    // answer comes (a request that got no answer may still commit).
    StepResult http_step(const Step& st) {
        std::vector<std::pair<std::string, std::string>> headers = opts.headers;
        headers.insert(headers.end(), sc.headers.begin(), sc.headers.end());
        auto req = render_request(*st.request, vars, opts.base_url, headers);
        if (!req)
            return {req.error().message};
        std::size_t entry = ledger.entries.size();
        if (st.cleanup) {
            LedgerEntry e;
            e.step = st.name;
            e.origin_pid = ledger.pid;
            e.origin_started = ledger.started;
            e.identity = identity;
            e.this_run = true;
            auto c = render_request(*st.cleanup, vars, opts.base_url, headers);
            if (c) {
                e.request = c->request;
                e.ok_status = c->ok_status;
            } else {
                e.missing = c.error().message;
            }
            e.waits_for = req->request.method + " " + req->request.url;
            e.waits_until_ms = epoch_ms_now() + deadline.remaining().count();
            ledger.entries.push_back(std::move(e));
        }
        ledger.current_step = st.name;
        save_ledger(); // before the request: a SIGKILL from here on leaves what to undo
        auto r = http.send(req->request, deadline);
        if (!r) {
            ledger.current_step.clear();
            save_ledger();
            return {
                core::msg::tr("smoke.tx.http.failed", {{"method", req->request.method},
                                                       {"url", req->request.url},
                                                       {"phase", core::phase_text(r.error().phase)},
                                                       {"message", r.error().message}})};
        }
        ev.emplace_back("step." + st.name + ".status", core::EvidenceValue::integer(r->status));
        auto want = render_expect(st.expect, vars);
        std::string bad = want ? check_http(*want, *r) : want.error().message;
        if (bad.empty()) {
            auto caps = capture_http(st.captures, *r);
            if (!caps)
                bad = caps.error().message;
            else
                for (auto& [k, v] : *caps)
                    vars[k] = v;
        }
        if (st.cleanup) {
            auto& e = ledger.entries[entry];
            e.waits_for.clear();
            e.waits_until_ms = 0;
            if (!e.missing.empty()) {
                auto c = render_request(*st.cleanup, vars, opts.base_url, headers);
                if (c) {
                    e.request = c->request;
                    e.ok_status = c->ok_status;
                    e.missing.clear();
                }
            }
        }
        ledger.current_step.clear();
        save_ledger();
        if (!bad.empty())
            return {core::msg::tr("smoke.tx.http.request_problem", {{"method", req->request.method},
                                                                    {"url", req->request.url},
                                                                    {"problem", bad}}),
                    r->status};
        return {{}, r->status};
    }

    // Drops the ledger entry the step `st` added in its last attempt.
    void forget_attempt(const Step& st) {
        if (!st.cleanup || ledger.entries.empty() || !ledger.entries.back().this_run ||
            ledger.entries.back().step != st.name)
            return;
        ledger.entries.pop_back();
        save_ledger();
    }
};

// How far before the check's deadline the wait for an in-flight request
// must end. Negative: up to 250 ms past it. The killed run had the same
// timeout and started earlier, so its request's deadline lies just before
// this run's; cleanups may run past the deadline (they have their own
// timeout) and the runner grants a check 1 s of grace.
constexpr core::Millis k_confirm_margin{-250};

} // namespace

core::Outcome execute(const Scenario& sc, const ExecutorOptions& opts, core::Db& db,
                      core::Http& http, const core::Deadline& deadline) {
    InterruptGuard guard;
    Run run{sc, opts, db, http, deadline};
    auto started = Clock::now();
    RunText text;
    text.scenario = sc.name;
    text.ledger = opts.ledger.string();
    using Whose = Cleanups::Whose;

    // 1. Temp files of killed saves, then an earlier run's unfinished cleanups.
    text.stale_temps = run.file.remove_stale_temps();
    std::optional<Ledger> earlier;
    try {
        earlier = run.file.load();
    } catch (const std::exception& e) {
        if (interrupt_signal() != 0)
            interrupt_reported(); // error, never pass
        return core::Outcome::make(core::Status::error, core::mask(e.what()));
    }
    if (earlier) {
        run.ledger = *earlier;
        text.replayed = static_cast<int>(earlier->entries.size());
        text.earlier_pid = earlier->pid;
        text.earlier_started = earlier->started;
        auto sw = run.cleanups.sweep(Whose::earlier);
        text.add_replay(sw);
        if (!sw.problems.empty()) {
            if (interrupt_signal() != 0)
                interrupt_reported(); // fail, never pass
            return text.replay_failed(sw.problems);
        }
    }

    // 2. The steps, with a fresh identity where the scenario has a pool.
    run.ledger.check = opts.check_id;
    run.ledger.scenario = sc.file;
    run.ledger.pid = static_cast<long long>(getpid());
    run.ledger.started = core::format_rfc3339(std::chrono::system_clock::now());
    run.ledger.current_step.clear();
    run.vars = sc.vars;
    for (const auto& [k, v] : opts.vars)
        run.vars[k] = v;
    run.pick_identity();
    text.identity = run.identity;
    std::size_t done = 0;
    bool retried = false;
    for (const auto& st : sc.steps) {
        if (int sig = interrupt_signal(); sig != 0) {
            text.interrupted(sig, core::msg::tr("smoke.tx.where.before_step", {{"step", st.name}}));
            break;
        }
        if (deadline.expired()) {
            text.failure = core::msg::tr("smoke.tx.timeout_before_step", {{"step", st.name}});
            break;
        }
        auto t = Clock::now();
        StepResult res = st.sql ? run.sql_step(st) : run.http_step(st);
        // 409 while an earlier run's leftover is unconfirmed: it is ours.
        // Clear it (waiting for its request's deadline if need be), retry once.
        if (res.status == 409 && !retried && !run.cleanups.owed(Whose::earlier).empty()) {
            retried = true;
            run.forget_attempt(st);
            auto sw = run.cleanups.sweep(Whose::earlier);
            text.add_replay(sw);
            long long waited = 0;
            if (sw.problems.empty() && !run.cleanups.owed(Whose::earlier).empty())
                text.add_replay(run.cleanups.confirm_after_wait(Whose::earlier, deadline,
                                                                k_confirm_margin, waited));
            text.waited_ms += waited;
            text.conflict_retried = st.name;
            res = run.http_step(st);
        }
        run.ev.emplace_back("step." + std::to_string(done + 1) + ".ms",
                            core::EvidenceValue::integer(ms_since(t)));
        if (!res.bad.empty()) {
            core::msg::Params step = {
                {"number", done + 1}, {"step", st.name}, {"where", st.where}, {"problem", res.bad}};
            if (int sig = interrupt_signal(); sig != 0)
                text.interrupted(sig, core::msg::tr("smoke.tx.where.during_step", step));
            else
                text.failure = core::msg::tr("smoke.tx.step_failed", step);
            break;
        }
        ++done;
        test_kill_point(static_cast<int>(done), opts.kill_after_step, opts.kill_signal);
    }

    // 3. Undo: the SQL transaction rolls back, the owed cleanups run; those
    // that found nothing while their request may still commit are sent
    // again once it cannot.
    rollback(run.tx);
    auto own = run.cleanups.sweep(Whose::this_run);
    auto rest = run.cleanups.sweep(Whose::earlier);
    text.add_replay(rest);
    test_kill_point(-1, opts.kill_after_step, opts.kill_signal);
    std::vector<std::string> problems = own.problems;
    problems.insert(problems.end(), rest.problems.begin(), rest.problems.end());
    if (problems.empty() && !run.ledger.entries.empty()) {
        long long waited = 0;
        auto again =
            run.cleanups.confirm_after_wait(Whose::all, deadline, k_confirm_margin, waited);
        text.waited_ms += waited;
        text.add_replay(again);
        problems = again.problems;
    }
    if (problems.empty())
        for (const auto* e : run.cleanups.owed(Whose::all))
            text.unconfirmed.push_back(*e);

    // The last look at the signal: one that comes later is raised again by
    // the guard (see interrupt.hpp), so this run never passes after it.
    if (int sig = interrupt_signal(); sig != 0 && text.signal == 0)
        text.interrupted(
            sig, done == sc.steps.size()
                     ? core::msg::tr("smoke.tx.where.after_last", {{"step", sc.steps.back().name}})
                     : core::msg::tr("smoke.tx.where.cleanups"));
    core::Evidence ev = {{"scenario", sc.name},
                         {"steps", fmt::format("{}/{}", done, sc.steps.size())},
                         {"sql_rolled_back", sc.has_sql() ? "yes" : "n/a"},
                         {"total_ms", core::EvidenceValue::integer(ms_since(started))}};
    text.add_evidence(ev);
    ev.insert(ev.end(), run.ev.begin(), run.ev.end());
    if (text.signal != 0)
        interrupt_reported();
    return text.outcome(problems, done, sc.has_sql(), sc.has_http(), ms_since(started),
                        std::move(ev));
}

} // namespace compuerta::smoke::transaction
