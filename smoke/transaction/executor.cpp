#include "smoke/transaction/executor.hpp"

#include "core/ports/clock.hpp"
#include "core/secrets.hpp"
#include "smoke/transaction/interrupt.hpp"

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

std::string signal_name(int sig) { return sig == SIGINT ? "SIGINT" : sig == SIGTERM ? "SIGTERM" : std::to_string(sig); }

// The expectation with {{name}} filled in its expected values.
core::Result<Expect> render_expect(const Expect& e, const Vars& vars) {
    Expect out = e;
    for (auto* m : {&out.row, &out.json, &out.headers})
        for (auto& [k, v] : *m) {
            auto r = render(v, vars);
            if (!r) return r.error();
            v = *r;
        }
    for (auto& v : out.body_contains) {
        auto r = render(v, vars);
        if (!r) return r.error();
        v = *r;
    }
    return out;
}

struct Run {
    const Scenario& sc;
    const ExecutorOptions& opts;
    core::Sql& sql;
    core::Http& http;
    const core::Deadline& deadline;
    LedgerFile file{opts.ledger};
    Ledger ledger{};
    Vars vars{};
    std::unique_ptr<core::SqlTransaction> tx{};
    core::Evidence ev{};

    // Sends one cleanup; empty when done, else why not.
    std::string send_cleanup(const LedgerEntry& e) {
        if (!e.missing.empty())
            return fmt::format("cleanup of \"{}\" cannot be sent: {} (the step was killed before its capture "
                               "was recorded); undo it by hand",
                               e.step, e.missing);
        auto r = http.send(e.request, core::Deadline::after(opts.cleanup_timeout));
        if (!r)
            return fmt::format("cleanup of \"{}\" ({} {}) failed at {}: {}", e.step, e.request.method,
                               e.request.url, core::to_string(r.error().phase), r.error().message);
        if (std::find(e.ok_status.begin(), e.ok_status.end(), r->status) == e.ok_status.end())
            return fmt::format("cleanup of \"{}\" ({} {}) answered {}", e.step, e.request.method, e.request.url,
                               r->status);
        return {};
    }

    // Sends every entry in reverse order; keeps the ones that failed.
    std::vector<std::string> run_cleanups() {
        std::vector<std::string> problems;
        std::vector<LedgerEntry> left;
        for (auto it = ledger.entries.rbegin(); it != ledger.entries.rend(); ++it) {
            std::string p = send_cleanup(*it);
            if (p.empty()) continue;
            problems.push_back(core::mask(p));
            left.insert(left.begin(), *it);
        }
        ledger.entries = std::move(left);
        ledger.current_step.clear();
        if (ledger.entries.empty()) file.remove();
        else file.save(ledger);
        return problems;
    }

    void save_ledger() { file.save(ledger); }

    // An SQL step; empty when it passed.
    std::string sql_step(const Step& st) {
        if (!tx) {
            auto b = sql.begin(opts.dsn, deadline);
            if (!b) return fmt::format("cannot open the database transaction ({}): {}", core::to_string(b.error().phase),
                                       b.error().message);
            tx = std::move(b.value());
        }
        std::vector<std::string> params;
        for (const auto& p : st.params) {
            auto r = render(p, vars);
            if (!r) return r.error().message;
            params.push_back(*r);
        }
        auto r = tx->exec(*st.sql, params, deadline);
        if (!r) return fmt::format("SQL failed{}: {}", r.error().timed_out ? " (timeout)" : "", r.error().message);
        auto want = render_expect(st.expect, vars);
        if (!want) return want.error().message;
        if (auto bad = check_sql(*want, *r); !bad.empty()) return bad;
        auto caps = capture_sql(st.captures, *r);
        if (!caps) return caps.error().message;
        for (auto& [k, v] : *caps) vars[k] = v;
        return {};
    }

    // An HTTP step; empty when it passed.
    std::string http_step(const Step& st) {
        std::vector<std::pair<std::string, std::string>> headers = opts.headers;
        headers.insert(headers.end(), sc.headers.begin(), sc.headers.end());
        auto req = render_request(*st.request, vars, opts.base_url, headers);
        if (!req) return req.error().message;
        std::size_t entry = ledger.entries.size();
        if (st.cleanup) {
            LedgerEntry e;
            e.step = st.name;
            auto c = render_request(*st.cleanup, vars, opts.base_url, headers);
            if (c) {
                e.request = c->request;
                e.ok_status = c->ok_status;
            } else {
                e.missing = c.error().message;
            }
            ledger.entries.push_back(std::move(e));
        }
        ledger.current_step = st.name;
        save_ledger(); // before the request: a SIGKILL from here on leaves what to undo
        auto r = http.send(req->request, deadline);
        if (!r)
            return fmt::format("{} {} failed at {}: {}", req->request.method, req->request.url,
                               core::to_string(r.error().phase), r.error().message);
        ev.emplace_back("step." + st.name + ".status", std::to_string(r->status));
        auto want = render_expect(st.expect, vars);
        std::string bad = want ? check_http(*want, *r) : want.error().message;
        if (bad.empty()) {
            auto caps = capture_http(st.captures, *r);
            if (!caps) bad = caps.error().message;
            else
                for (auto& [k, v] : *caps) vars[k] = v;
        }
        if (st.cleanup && !ledger.entries[entry].missing.empty()) {
            auto c = render_request(*st.cleanup, vars, opts.base_url, headers);
            if (c) {
                ledger.entries[entry].request = c->request;
                ledger.entries[entry].ok_status = c->ok_status;
                ledger.entries[entry].missing.clear();
            }
        }
        ledger.current_step.clear();
        save_ledger();
        if (!bad.empty()) return fmt::format("{} {}: {}", req->request.method, req->request.url, bad);
        return {};
    }
};

} // namespace

core::Outcome execute(const Scenario& sc, const ExecutorOptions& opts, core::Sql& sql, core::Http& http,
                      const core::Deadline& deadline) {
    InterruptGuard guard;
    Run run{sc, opts, sql, http, deadline};
    auto started = Clock::now();

    // 1. An earlier run's unfinished cleanups come first.
    std::optional<Ledger> earlier;
    try {
        earlier = run.file.load();
    } catch (const std::exception& e) {
        return core::Outcome::make(core::Status::error, core::mask(e.what()));
    }
    int replayed = 0;
    if (earlier) {
        run.ledger = *earlier;
        replayed = static_cast<int>(earlier->entries.size());
        auto problems = run.run_cleanups();
        if (!problems.empty()) {
            core::Outcome o = core::Outcome::make(
                core::Status::fail,
                fmt::format("an earlier run (pid {}, {}) left test data behind and its cleanup failed: {}. The "
                            "ledger {} is kept; fix the cause and run again",
                            earlier->pid, earlier->started, problems.front(), opts.ledger.string()),
                {{"ledger", opts.ledger.string()}, {"replayed", std::to_string(replayed)}});
            return o;
        }
    }

    // 2. The steps.
    run.ledger = Ledger{opts.check_id, sc.file, static_cast<long long>(getpid()),
                        core::format_rfc3339(std::chrono::system_clock::now()), "", {}};
    run.vars = sc.vars;
    for (const auto& [k, v] : opts.vars) run.vars[k] = v;
    std::string failure;
    std::size_t done = 0;
    for (const auto& st : sc.steps) {
        if (int sig = interrupt_signal(); sig != 0) {
            failure = fmt::format("interrupted by {} before step \"{}\"", signal_name(sig), st.name);
            break;
        }
        if (deadline.expired()) {
            failure = fmt::format("timed out before step \"{}\"", st.name);
            break;
        }
        auto t = Clock::now();
        std::string bad = st.sql ? run.sql_step(st) : run.http_step(st);
        run.ev.emplace_back("step." + std::to_string(done + 1) + ".ms", std::to_string(ms_since(t)));
        if (!bad.empty()) {
            failure = fmt::format("step {} \"{}\" ({}): {}", done + 1, st.name, st.where, bad);
            break;
        }
        ++done;
        test_kill_point(static_cast<int>(done), opts.kill_after_step, opts.kill_signal);
    }

    // 3. Undo: the SQL transaction rolls back, the owed cleanups run.
    if (run.tx) run.tx->rollback();
    auto problems = run.run_cleanups();

    core::Evidence ev = {{"scenario", sc.name},
                         {"steps", fmt::format("{}/{}", done, sc.steps.size())},
                         {"sql_rolled_back", sc.has_sql() ? "yes" : "n/a"},
                         {"replayed_cleanups", std::to_string(replayed)},
                         {"total_ms", std::to_string(ms_since(started))}};
    ev.insert(ev.end(), run.ev.begin(), run.ev.end());
    if (!failure.empty() || !problems.empty()) {
        std::string msg = failure.empty() ? "" : failure + "; ";
        if (problems.empty()) msg += "cleanups ran";
        else
            msg += fmt::format("cleanup failed: {}; the ledger {} is kept and the next run replays it",
                               problems.front(), opts.ledger.string());
        core::Outcome o = core::Outcome::make(core::Status::fail, core::mask(msg), ev);
        for (const auto& p : problems) o.detail += p + "\n";
        return o;
    }
    return core::Outcome::make(core::Status::pass,
                               fmt::format("{}: {} step(s) passed in {} ms{}{}", sc.name, done, ms_since(started),
                                           sc.has_sql() ? "; database transaction rolled back" : "",
                                           sc.has_http() ? "; cleanups ran" : ""),
                               ev);
}

} // namespace compuerta::smoke::transaction
