#include "plugin/deploy/run_state.hpp"

#include "core/events.hpp"

namespace compuerta::plugin::deploy {

namespace ev = core::events;

bool RunState::step_ok(const std::string& event) const {
    auto it = progress.find(event);
    return it != progress.end() && it->second == "ok";
}

RunState summarize(const std::vector<nlohmann::json>& events, const std::string& run) {
    RunState st;
    st.run = run;
    bool rolling_back = false;
    std::map<std::string, std::size_t> smoke_index; // check id -> index in st.smoke
    for (const auto& e : events) {
        const ev::Envelope env = ev::envelope(e);
        if (env.run != run) continue;
        const std::string& status = env.status;
        if (ev::is<ev::RollbackDecision>(e)) {
            if (!st.decision) st.decision = status;
            rolling_back = true;
            continue;
        }
        if (env.event.rfind(ev::RollbackStep::prefix, 0) == 0) {
            st.progress[env.event] = status;
            continue;
        }
        if (rolling_back) continue; // rollback's own maintenance/smoke/notify runs
        if (ev::is<ev::MaintenanceOn>(e) && status == "ok") st.maintenance_on = true;
        else if (ev::is<ev::MaintenanceOff>(e) && status == "ok") st.maintenance_on = false;
        else if (auto b = ev::as<ev::BackupDone>(e)) {
            BackupRecord r{b->manifest, b->database, b->tag, b->previous_tag, status, b->verified};
            if (status == "ok" || !st.backup) st.backup = r;
        } else if (ev::is<ev::MigrateDone>(e)) {
            st.migrated = true;
            st.migrate_status = status;
        } else if (auto d = ev::as<ev::DeployStart>(e)) {
            st.deploy = DeployRecord{d->release, d->previous_release, ""};
            st.smoke.clear(); // only smoke of this deploy counts
            smoke_index.clear();
        } else if (auto done = ev::as<ev::DeployDone>(e)) {
            if (!st.deploy) st.deploy = DeployRecord{};
            st.deploy->status = status;
            if (!done->release.empty()) st.deploy->release = done->release;
            if (!done->previous_release.empty()) st.deploy->previous_release = done->previous_release;
        } else if (auto c = ev::as<ev::Check>(e); c && env.command == "smoke") {
            SmokeFinding f;
            f.item = env.item;
            f.name = env.summary;
            f.status = core::parse_status(status).value_or(core::Status::error);
            f.source = "journal";
            auto it = smoke_index.find(c->check);
            if (it == smoke_index.end()) {
                smoke_index[c->check] = st.smoke.size();
                st.smoke.push_back(f);
            } else {
                st.smoke[it->second] = f;
            }
        }
    }
    return st;
}

std::string pick_run(const std::vector<nlohmann::json>& events, const std::string& explicit_run) {
    if (!explicit_run.empty()) return explicit_run;
    for (const char* wanted : {ev::WindowOpen::name, ev::DeployStart::name})
        for (auto it = events.rbegin(); it != events.rend(); ++it)
            if (ev::envelope(*it).event == wanted) return ev::envelope(*it).run;
    return events.empty() ? std::string() : ev::envelope(events.back()).run;
}

std::string last_deployed_release(const std::vector<nlohmann::json>& events, const std::string& except) {
    for (auto it = events.rbegin(); it != events.rend(); ++it) {
        if (ev::envelope(*it).status != "ok") continue;
        std::string r;
        if (auto d = ev::as<ev::DeployDone>(*it)) r = d->release;
        else if (auto step = ev::as_step(*it, ev::k_rollback_redeploy)) r = step->release;
        if (!r.empty() && r != except) return r;
    }
    return {};
}

} // namespace compuerta::plugin::deploy
