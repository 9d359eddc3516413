#include "plugin/deploy/policy.hpp"

#include "core/config/sections/deploy.hpp"
#include "core/messages/catalog.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace compuerta::plugin::deploy {

namespace msg = core::msg;

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
        d.reasons.push_back(msg::tr("rollback.reason.maintenance_only"));
        return d;
    }
    if (!st.changed_app_or_db()) {
        d.verdict = Verdict::nothing_changed;
        d.reasons.push_back(msg::tr("rollback.reason.nothing_changed"));
        return d;
    }
    std::vector<std::string> automatic, waiting;
    if (approved)
        automatic.push_back(msg::tr("rollback.reason.approved"));
    if (st.migrated && st.migrate_status != "ok")
        automatic.push_back(
            msg::tr("rollback.reason.migration_status", {{"status", st.migrate_status}}));
    if (st.migrated && st.migrate_status == "ok" && !st.deploy)
        automatic.push_back(msg::tr("rollback.reason.no_deploy"));
    if (st.deploy && st.deploy->status.empty())
        automatic.push_back(
            msg::tr("rollback.reason.deploy_unfinished", {{"release", st.deploy->release}}));
    else if (st.deploy && st.deploy->status != "ok")
        automatic.push_back(
            msg::tr("rollback.reason.deploy_status",
                    {{"release", st.deploy->release}, {"status", st.deploy->status}}));
    for (const auto& f : findings) {
        if (f.status == core::Status::fail) {
            std::string source =
                f.source == "journal" ? msg::tr("rollback.source.journal") : f.source;
            msg::Params p{{"check", f.name}, {"source", source}};
            if (listed(policy.automatic, f.item))
                automatic.push_back(msg::tr("rollback.reason.failed", p));
            else if (listed(policy.approval, f.item))
                waiting.push_back(msg::tr("rollback.reason.failed.approval", p));
            else
                waiting.push_back(msg::tr("rollback.reason.failed.not_automatic", p));
        } else if (f.status == core::Status::error) {
            waiting.push_back(
                msg::tr("rollback.reason.error",
                        {{"check", f.name},
                         {"source",
                          f.source == "journal" ? msg::tr("rollback.source.journal") : f.source}}));
        }
    }
    bool deploy_ok = st.deploy && st.deploy->status == "ok";
    if (deploy_ok && findings.empty() && automatic.empty())
        waiting.push_back(msg::tr("rollback.reason.no_smoke"));
    if (!automatic.empty()) {
        d.verdict = Verdict::rollback;
        d.reasons = automatic;
        d.reasons.insert(d.reasons.end(), waiting.begin(), waiting.end());
    } else if (!waiting.empty()) {
        d.verdict = Verdict::approval;
        d.reasons = waiting;
    } else {
        d.verdict = Verdict::no_failure;
        d.reasons.push_back(msg::tr("rollback.reason.passed"));
    }
    return d;
}

} // namespace compuerta::plugin::deploy
