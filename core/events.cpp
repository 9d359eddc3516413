#include "core/events.hpp"
#include "core/util/json.hpp"

namespace compuerta::core::events {

Envelope envelope(const nlohmann::json& line) {
    Envelope e;
    e.ts_text = util::json_string(line, "ts");
    if (!parse_rfc3339(e.ts_text, e.ts))
        e.ts = {};
    e.run = util::json_string(line, "run");
    e.job = util::json_string(line, "job");
    e.event = util::json_string(line, "event");
    e.item = util::json_string(line, "item");
    e.command = util::json_string(line, "command");
    e.status = util::json_string(line, "status");
    e.summary = util::json_string(line, "summary");
    e.actor = util::json_string(line, "actor");
    if (auto it = line.find("duration_ms"); it != line.end() && it->is_number_integer())
        e.duration_ms = it->get<long long>();
    e.file = util::json_string(line, "_file");
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
    if (util::json_string(line, "event") != step)
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
        {LeaseTake::name, LeaseTake::item},
        {LeaseRelease::name, LeaseRelease::item},
        {LeaseTakeover::name, LeaseTakeover::item},
        {LeaseRefuse::name, LeaseRefuse::item}, // the line carries the refused command's
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
                                                RollbackDone::name,
                                                LeaseTake::name,
                                                LeaseRelease::name,
                                                LeaseRefuse::name,
                                                LeaseTakeover::name};
    return names;
}

} // namespace compuerta::core::events
