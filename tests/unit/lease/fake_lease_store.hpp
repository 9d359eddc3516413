#pragma once
// An in-memory LeaseStore with the adapter's semantics (one lease per
// environment, take never replaces, take_over only the lease it was shown),
// a settable age, and a switch that makes every call fail as an unreachable
// store does.
#include "core/ports/lease_store.hpp"

#include <map>

namespace compuerta::test {

class FakeLeaseStore : public core::LeaseStore {
  public:
    std::map<std::string, core::Lease> rows; // by environment
    bool down = false;
    int calls = 0;
    std::string now = "2026-12-01T08:00:00Z";

    std::string where() const override { return "fake"; }
    std::string scope() const override { return "sep"; }

    core::Result<core::LeaseTake, core::PgFailure> take(const core::Lease& w,
                                                        const core::Deadline&) override {
        ++calls;
        if (down)
            return unreachable();
        auto it = rows.find(w.environment);
        if (it != rows.end())
            return core::LeaseTake{false, it->second};
        core::Lease l = w;
        l.scope = scope();
        l.since = now;
        rows[w.environment] = l;
        return core::LeaseTake{true, l};
    }
    core::Result<std::optional<core::Lease>, core::PgFailure>
    current(const std::string& env, const core::Deadline&) override {
        ++calls;
        if (down)
            return unreachable();
        auto it = rows.find(env);
        if (it == rows.end())
            return std::optional<core::Lease>{};
        return std::optional<core::Lease>{it->second};
    }
    core::Result<bool, core::PgFailure> release(const std::string& env, const std::string& run,
                                                const core::Deadline&) override {
        ++calls;
        if (down)
            return unreachable();
        auto it = rows.find(env);
        if (it == rows.end() || it->second.run != run)
            return false;
        rows.erase(it);
        return true;
    }
    core::Result<bool, core::PgFailure> take_over(const core::Lease& w, const core::Lease& from,
                                                  const core::Deadline&) override {
        ++calls;
        if (down)
            return unreachable();
        auto it = rows.find(w.environment);
        if (it == rows.end() || it->second.run != from.run || it->second.since != from.since)
            return false;
        core::Lease l = w;
        l.scope = scope();
        l.since = now;
        l.age_seconds = 0;
        it->second = l;
        return true;
    }

  private:
    static core::PgFailure unreachable() {
        return core::PgFailure{core::PgPhase::connect, true,
                               "timed out after 5.0s in the TCP connect with db:5432"};
    }
};

} // namespace compuerta::test
