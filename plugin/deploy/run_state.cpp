#include "plugin/deploy/run_state.hpp"

namespace compuerta::plugin::deploy {

namespace {

std::string field(const nlohmann::json& e, const char* key) {
    auto it = e.find(key);
    if (it == e.end() || !it->is_string()) return {};
    return it->get<std::string>();
}

bool is_smoke_check(const nlohmann::json& e) {
    if (field(e, "event") != "check") return false;
    std::string cmd = field(e, "command");
    return cmd == "smoke";
}

} // namespace

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
        if (field(e, "run") != run) continue;
        const std::string ev = field(e, "event");
        const std::string status = field(e, "status");
        if (ev == "rollback.decision") {
            if (!st.decision) st.decision = status;
            rolling_back = true;
            continue;
        }
        if (ev.rfind("rollback.", 0) == 0) {
            st.progress[ev] = status;
            continue;
        }
        if (rolling_back) continue; // rollback's own maintenance/smoke/notify runs
        if (ev == "maintenance.on" && status == "ok") st.maintenance_on = true;
        else if (ev == "maintenance.off" && status == "ok") st.maintenance_on = false;
        else if (ev == "backup.done") {
            BackupRecord b;
            b.manifest = field(e, "manifest");
            b.database = field(e, "database");
            b.tag = field(e, "tag");
            b.previous_tag = field(e, "previous_tag");
            b.status = status;
            b.verified = e.value("verified", false);
            if (status == "ok" || !st.backup) st.backup = b;
        } else if (ev == "migrate.done") {
            st.migrated = true;
            st.migrate_status = status;
        } else if (ev == "deploy.start") {
            DeployRecord d;
            d.release = field(e, "release");
            d.previous_release = field(e, "previous_release");
            st.deploy = d;
            st.smoke.clear(); // only smoke of this deploy counts
            smoke_index.clear();
        } else if (ev == "deploy.done") {
            if (!st.deploy) st.deploy = DeployRecord{};
            st.deploy->status = status;
            if (auto r = field(e, "release"); !r.empty()) st.deploy->release = r;
            if (auto p = field(e, "previous_release"); !p.empty()) st.deploy->previous_release = p;
        } else if (is_smoke_check(e)) {
            SmokeFinding f;
            f.item = field(e, "item");
            f.name = field(e, "summary");
            f.status = core::parse_status(status).value_or(core::Status::error);
            f.source = "journal";
            std::string id = field(e, "check");
            auto it = smoke_index.find(id);
            if (it == smoke_index.end()) {
                smoke_index[id] = st.smoke.size();
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
    for (const char* wanted : {"window.open", "deploy.start"})
        for (auto it = events.rbegin(); it != events.rend(); ++it)
            if (field(*it, "event") == wanted) return field(*it, "run");
    return events.empty() ? std::string() : field(events.back(), "run");
}

std::string last_deployed_release(const std::vector<nlohmann::json>& events, const std::string& except) {
    for (auto it = events.rbegin(); it != events.rend(); ++it) {
        std::string ev = field(*it, "event");
        if ((ev != "deploy.done" && ev != "rollback.redeploy") || field(*it, "status") != "ok") continue;
        std::string r = field(*it, "release");
        if (!r.empty() && r != except) return r;
    }
    return {};
}

} // namespace compuerta::plugin::deploy
