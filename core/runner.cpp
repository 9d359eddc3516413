#include "core/runner.hpp"

#include "core/errors.hpp"
#include "core/secrets.hpp"

#include "core/messages/catalog.hpp"

#include <condition_variable>
#include <fmt/format.h>
#include <map>
#include <mutex>
#include <set>
#include <thread>

namespace compuerta::core {

namespace {

using Steady = std::chrono::steady_clock;

std::string seconds(Millis d) { return fmt::format("{:.1f}s", static_cast<double>(d.count()) / 1000.0); }

// Shared between the runner and a check's worker thread, which may outlive
// the runner when the check ignores its deadline.
struct Slot {
    bool done = false;
    Outcome outcome;
};

struct SharedSync {
    std::mutex mutex;
    std::condition_variable cv;
};

struct Running {
    Running() = default;
    Running(Running&&) = default;
    Running& operator=(Running&&) = default;
    // Unwinding past a running check (a journal write failed) must not terminate.
    ~Running() {
        if (worker.joinable()) worker.detach();
    }
    std::size_t index = 0;
    std::shared_ptr<Slot> slot;
    std::thread worker; // joined when done; detached only when the runner gives up on it
    SteadyTime started;
    SteadyTime give_up;
    Deadline deadline{SteadyTime::max()};
    std::chrono::system_clock::time_point wall_started;
};

Outcome run_guarded(Check& check, const Deadline& deadline) {
    try {
        return check.run(deadline);
    } catch (const std::exception& e) {
        return Outcome::make(Status::error, mask(msg::tr("runner.internal_error", {{"message", e.what()}})));
    } catch (...) {
        return Outcome::make(Status::error, msg::tr("runner.internal_error", {{"message", "?"}}));
    }
}

std::vector<CheckResult> run_round(const std::vector<std::shared_ptr<Check>>& checks, const RunnerOptions& opt,
                                   const Deadline& run_deadline, bool& deadline_reached) {
    const std::size_t n = checks.size();
    std::vector<std::optional<CheckResult>> results(n);
    std::map<std::string, std::size_t> index_of;
    for (std::size_t i = 0; i < n; ++i) index_of[checks[i]->spec().id] = i;
    auto sync = std::make_shared<SharedSync>();
    std::vector<Running> running;
    std::vector<bool> started(n, false);
    const int limit = std::max(1, opt.concurrency);

    auto finish = [&](std::size_t i, CheckResult r) {
        if (opt.on_result) opt.on_result(r);
        results[i] = std::move(r);
    };

    // Decides a pending check: returns true when it can start now, and
    // records a skip when a prerequisite did not pass.
    auto ready = [&](std::size_t i) {
        for (const auto& dep : checks[i]->spec().depends_on) {
            const auto& r = results[index_of.at(dep)];
            if (!r) return false;
            if (r->status != Status::pass && r->status != Status::warn) {
                Outcome o = Outcome::make(Status::skip,
                                          msg::tr("runner.skip.prerequisite",
                                                  {{"check", dep},
                                                   {"status", msg::tr("status." + std::string(to_string(r->status)))}}));
                CheckResult cr = CheckResult::from(checks[i]->spec(), std::move(o));
                cr.started = std::chrono::system_clock::now();
                started[i] = true;
                finish(i, std::move(cr));
                return false;
            }
        }
        return true;
    };

    auto unfinished = [&] {
        for (const auto& r : results)
            if (!r) return true;
        return false;
    };

    while (unfinished()) {
        bool progressed = false;
        // Start what can start.
        for (std::size_t i = 0; i < n && static_cast<int>(running.size()) < limit; ++i) {
            if (started[i]) continue;
            bool can_start = ready(i);
            if (started[i]) { // ready() recorded a skip
                progressed = true;
                continue;
            }
            if (!can_start) continue;
            started[i] = true;
            progressed = true;
            if (run_deadline.expired()) {
                deadline_reached = true;
                CheckResult cr = CheckResult::from(checks[i]->spec(),
                                                   Outcome::make(Status::skip, msg::tr("runner.skip.deadline")));
                cr.started = std::chrono::system_clock::now();
                finish(i, std::move(cr));
                continue;
            }
            Running r;
            r.index = i;
            r.slot = std::make_shared<Slot>();
            r.started = Steady::now();
            r.wall_started = std::chrono::system_clock::now();
            r.deadline = Deadline::after(checks[i]->spec().timeout).earliest(run_deadline);
            r.give_up = r.deadline.at() == SteadyTime::max() ? SteadyTime::max() : r.deadline.at() + opt.grace;
            std::shared_ptr<Check> check = checks[i];
            std::shared_ptr<Slot> slot = r.slot;
            std::shared_ptr<SharedSync> s = sync;
            Deadline d = r.deadline;
            r.worker = std::thread([check, slot, s, d] {
                Outcome o = run_guarded(*check, d);
                std::lock_guard lock(s->mutex);
                slot->outcome = std::move(o);
                slot->done = true;
                s->cv.notify_all();
            });
            running.push_back(std::move(r));
        }
        if (running.empty()) {
            if (!progressed) // defensive: cannot happen without a dependency cycle
                for (std::size_t i = 0; i < n; ++i)
                    if (!results[i])
                        finish(i, CheckResult::from(checks[i]->spec(),
                                                    Outcome::make(Status::skip, msg::tr("runner.skip.never_ran"))));
            continue;
        }
        // Wait for a finish or the nearest give-up time.
        SteadyTime wake = SteadyTime::max();
        for (const auto& r : running) wake = std::min(wake, r.give_up);
        {
            std::unique_lock lock(sync->mutex);
            auto any_done = [&] {
                for (const auto& r : running)
                    if (r.slot->done) return true;
                return false;
            };
            if (wake == SteadyTime::max()) sync->cv.wait(lock, any_done);
            else sync->cv.wait_until(lock, wake, any_done);
        }
        // Collect finished and timed-out checks.
        auto now = Steady::now();
        for (auto it = running.begin(); it != running.end();) {
            bool done = false;
            Outcome o;
            {
                std::lock_guard lock(sync->mutex);
                done = it->slot->done;
                if (done) o = std::move(it->slot->outcome);
            }
            if (!done && now < it->give_up) {
                ++it;
                continue;
            }
            // A finished worker is joined, so its thread-local state (libcurl's and
            // OpenSSL's) is torn down before the process can exit.
            if (done) it->worker.join();
            else it->worker.detach();
            const CheckSpec& spec = checks[it->index]->spec();
            if (!done) {
                bool by_run = run_deadline.at() <= it->deadline.at();
                if (by_run) deadline_reached = true;
                o = Outcome::make(spec.on_timeout,
                                  by_run ? msg::tr("runner.deadline", {{"elapsed", seconds(std::chrono::duration_cast<Millis>(now - it->started))}})
                                         : msg::tr("runner.timeout",
                                                   {{"elapsed", seconds(std::chrono::duration_cast<Millis>(now - it->started))},
                                                    {"timeout", seconds(spec.timeout)}}));
            }
            CheckResult cr = CheckResult::from(spec, std::move(o));
            cr.duration = std::chrono::duration_cast<Millis>(Steady::now() - it->started);
            cr.started = it->wall_started;
            finish(it->index, std::move(cr));
            it = running.erase(it);
        }
    }
    std::vector<CheckResult> out;
    for (auto& r : results) out.push_back(std::move(*r));
    return out;
}

} // namespace

void validate_dependencies(const std::vector<std::shared_ptr<Check>>& checks) {
    std::map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < checks.size(); ++i) {
        const auto& id = checks[i]->spec().id;
        if (!index.emplace(id, i).second) throw UsageError(msg::tr("runner.duplicate_id", {{"id", id}}));
    }
    for (const auto& c : checks)
        for (const auto& dep : c->spec().depends_on)
            if (!index.count(dep))
                throw UsageError(msg::tr("runner.unknown_dependency", {{"check", c->spec().id}, {"dependency", dep}}));
    // Cycle detection: depth-first with colours.
    std::vector<int> colour(checks.size(), 0);
    std::function<void(std::size_t)> visit = [&](std::size_t i) {
        colour[i] = 1;
        for (const auto& dep : checks[i]->spec().depends_on) {
            std::size_t j = index.at(dep);
            if (colour[j] == 1)
                throw UsageError(msg::tr("runner.dependency_cycle", {{"check", checks[i]->spec().id}, {"dependency", dep}}));
            if (colour[j] == 0) visit(j);
        }
        colour[i] = 2;
    };
    for (std::size_t i = 0; i < checks.size(); ++i)
        if (colour[i] == 0) visit(i);
}

bool round_passed(const std::vector<CheckResult>& results) {
    for (const auto& r : results)
        if (r.status == Status::fail || r.status == Status::error || r.waiting)
            return false;
    return true;
}

RunReport run_checks(const std::vector<std::shared_ptr<Check>>& checks, const RunnerOptions& opt) {
    validate_dependencies(checks);
    RunReport report;
    Deadline run_deadline = opt.deadline ? Deadline::after(*opt.deadline).for_run() : Deadline::never();
    Deadline until = opt.until_pass ? Deadline::after(opt.until_timeout) : Deadline::never();
    while (true) {
        ++report.rounds;
        // A round never runs past the re-evaluation timeout either.
        Deadline round_deadline = opt.until_pass ? run_deadline.earliest(until) : run_deadline;
        report.results = run_round(checks, opt, round_deadline, report.deadline_reached);
        if (opt.on_round) opt.on_round(report.rounds, report.results);
        if (!opt.until_pass || round_passed(report.results) || report.deadline_reached) break;
        if (until.remaining() <= opt.interval || run_deadline.remaining() <= opt.interval) break;
        std::this_thread::sleep_for(opt.interval);
    }
    return report;
}

} // namespace compuerta::core
