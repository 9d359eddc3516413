#include "core/events.hpp"

namespace compuerta::core::events {

namespace {
std::string str(const nlohmann::json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}
} // namespace

Envelope envelope(const nlohmann::json& line) {
    Envelope e;
    e.ts_text = str(line, "ts");
    if (!parse_rfc3339(e.ts_text, e.ts))
        e.ts = {};
    e.run = str(line, "run");
    e.job = str(line, "job");
    e.event = str(line, "event");
    e.item = str(line, "item");
    e.command = str(line, "command");
    e.status = str(line, "status");
    e.summary = str(line, "summary");
    e.actor = str(line, "actor");
    if (auto it = line.find("duration_ms"); it != line.end() && it->is_number_integer())
        e.duration_ms = it->get<long long>();
    e.file = str(line, "_file");
    if (auto it = line.find("_line"); it != line.end() && it->is_number_integer())
        e.line = it->get<int>();
    return e;
}

Event make_step(const char* step, const RollbackStep& fields, std::string item, std::string status,
                std::string summary) {
    Event e;
    e.event = step;
    e.item = std::move(item);
    e.status = std::move(status);
    e.summary = std::move(summary);
    e.extra = nlohmann::json(fields);
    e.extra["v"] = RollbackStep::version;
    return e;
}

std::optional<RollbackStep> as_step(const nlohmann::json& line, const char* step) {
    if (str(line, "event") != step)
        return std::nullopt;
    try {
        return line.get<RollbackStep>();
    } catch (const nlohmann::json::exception&) {
        return std::nullopt;
    }
}

std::string default_item(const std::string& event) {
    static const std::vector<std::pair<std::string, std::string>> items{
        {WindowOpen::name, WindowOpen::item},
        {WindowClose::name, WindowClose::item},
        {MaintenanceOn::name, MaintenanceOn::item},
        {MaintenanceOff::name, MaintenanceOff::item},
        {BackupDone::name, BackupDone::item},
        {BackupSnapshot::name, BackupSnapshot::item},
        {MigrateDone::name, MigrateDone::item},
        {RestoreDone::name, RestoreDone::item},
        {DeployStart::name, DeployStart::item},
        {DeployDone::name, DeployDone::item},
        {ReleaseTag::name, ReleaseTag::item},
        {RollbackDecision::name, RollbackDecision::item},
        {k_rollback_restore, "R2"},
        {k_rollback_maintenance, "R2"},
        {k_rollback_redeploy, "R3"},
        {k_rollback_verify, "R4"},
        {k_rollback_maintenance_off, "7.1"},
        {k_rollback_notify, "R5"},
        {k_rollback_postmortem, "R6"},
        {RollbackDone::name, RollbackDone::item},
    };
    for (const auto& [name, item] : items)
        if (name == event)
            return item;
    return {};
}

const std::vector<std::string>& declared_names() {
    static const std::vector<std::string> names{Check::name,
                                                WindowOpen::name,
                                                WindowClose::name,
                                                MaintenanceOn::name,
                                                MaintenanceOff::name,
                                                BackupDone::name,
                                                MigrateDone::name,
                                                RestoreDone::name,
                                                DeployStart::name,
                                                DeployDone::name,
                                                ReleaseTag::name,
                                                Signoff::name,
                                                Notify::name,
                                                RollbackDecision::name,
                                                k_rollback_restore,
                                                k_rollback_maintenance,
                                                k_rollback_redeploy,
                                                k_rollback_verify,
                                                k_rollback_maintenance_off,
                                                k_rollback_notify,
                                                k_rollback_postmortem,
                                                RollbackDone::name};
    return names;
}

} // namespace compuerta::core::events
