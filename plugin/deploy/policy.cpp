#include "plugin/deploy/policy.hpp"

#include "core/config/sections/deploy.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace compuerta::plugin::deploy {

namespace {
bool listed(const std::vector<std::string>& items, const std::string& item) {
    return std::find(items.begin(), items.end(), item) != items.end();
}
} // namespace

Policy Policy::from_config(const core::config::Config& cfg) {
    return from(core::config::rollback_decl().read(cfg));
}

Policy Policy::from(const core::config::RollbackSection& section) {
    Policy p;
    p.automatic = section.automatic;
    p.approval = section.approval;
    return p;
}

std::string_view to_string(Verdict v) noexcept {
    switch (v) {
    case Verdict::nothing_changed: return "nothing";
    case Verdict::no_failure: return "nothing";
    case Verdict::rollback: return "rollback";
    case Verdict::approval: return "approval";
    }
    return "nothing";
}

Decision decide(const RunState& st, const std::vector<SmokeFinding>& findings, const Policy& policy, bool approved) {
    Decision d;
    if (!st.changed_app_or_db() && st.maintenance_on) {
        // Nothing to restore or redeploy, but the public is locked out: verify,
        // switch maintenance off, tell, write the post-mortem.
        d.verdict = Verdict::rollback;
        d.reasons.push_back("maintenance was switched on but nothing was migrated or deployed: verify the running "
                            "release, switch maintenance off and tell");
        return d;
    }
    if (!st.changed_app_or_db()) {
        d.verdict = Verdict::nothing_changed;
        d.reasons.push_back("this run neither migrated the database nor deployed: nothing to undo");
        return d;
    }
    std::vector<std::string> automatic, waiting;
    if (approved) automatic.push_back("rollback approved by a person (--approved)");
    if (st.migrated && st.migrate_status != "ok")
        automatic.push_back(fmt::format("the migration ended with status {}", st.migrate_status));
    if (st.migrated && st.migrate_status == "ok" && !st.deploy)
        automatic.push_back("migrations were applied but the deploy never started");
    if (st.deploy && st.deploy->status.empty())
        automatic.push_back(fmt::format("the deploy of {} started but never finished", st.deploy->release));
    else if (st.deploy && st.deploy->status != "ok")
        automatic.push_back(fmt::format("the deploy of {} ended with status {}", st.deploy->release, st.deploy->status));
    for (const auto& f : findings) {
        if (f.status == core::Status::fail) {
            std::string why = fmt::format("{} failed ({})", f.name, f.source);
            if (listed(policy.automatic, f.item)) automatic.push_back(why);
            else if (listed(policy.approval, f.item)) waiting.push_back(why + ", policy: approval");
            else waiting.push_back(why + ", item not in rollback.automatic");
        } else if (f.status == core::Status::error) {
            waiting.push_back(fmt::format("{} could not be evaluated ({}); an error alone never rolls back", f.name,
                                          f.source));
        }
    }
    bool deploy_ok = st.deploy && st.deploy->status == "ok";
    if (deploy_ok && findings.empty() && automatic.empty())
        waiting.push_back("no smoke result after the deploy: run smoke again or approve the rollback");
    if (!automatic.empty()) {
        d.verdict = Verdict::rollback;
        d.reasons = automatic;
        d.reasons.insert(d.reasons.end(), waiting.begin(), waiting.end());
    } else if (!waiting.empty()) {
        d.verdict = Verdict::approval;
        d.reasons = waiting;
    } else {
        d.verdict = Verdict::no_failure;
        d.reasons.push_back("the changes of this run passed smoke: nothing calls for a rollback");
    }
    return d;
}

} // namespace compuerta::plugin::deploy
