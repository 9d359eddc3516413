#include "plugin/db/backups.hpp"
#include "core/util/json.hpp"
#include "core/events.hpp"

#include <fmt/format.h>

namespace compuerta::plugin::db {

namespace {


std::optional<core::WallTime> time_of(const nlohmann::json& e) {
    core::WallTime t;
    if (!core::parse_rfc3339(core::util::json_string(e, "ts"), t)) return std::nullopt;
    return t;
}

std::string age_text(std::chrono::milliseconds d) {
    auto m = std::chrono::duration_cast<std::chrono::minutes>(d).count();
    if (m < 120) return fmt::format("{} min", m);
    return fmt::format("{:.1f} h", static_cast<double>(m) / 60.0);
}

} // namespace

std::vector<BackupRef> verified_backups(const std::vector<nlohmann::json>& events, const std::string& database) {
    std::vector<BackupRef> out;
    for (const auto& e : events) {
        auto b = core::events::as<core::events::BackupDone>(e);
        if (!b || core::util::json_string(e, "status") != "ok" || !b->verified) continue;
        if (!database.empty() && b->database != database) continue;
        auto t = time_of(e);
        if (!t || b->manifest.empty()) continue;
        out.push_back({b->manifest, b->database, b->tag, b->previous_tag, core::util::json_string(e, "run"), *t});
    }
    return out;
}

std::optional<core::WallTime> open_window(const std::vector<nlohmann::json>& events) {
    std::optional<core::WallTime> opened;
    for (const auto& e : events) {
        if (core::events::is<core::events::WindowOpen>(e)) opened = time_of(e);
        else if (core::events::is<core::events::WindowClose>(e)) opened.reset();
    }
    return opened;
}

std::string running_release(const std::vector<nlohmann::json>& events) {
    std::string release;
    for (const auto& e : events)
        if (auto d = core::events::as<core::events::DeployDone>(e); d && core::util::json_string(e, "status") == "ok" && !d->release.empty())
            release = d->release;
    return release;
}

BackupVerdict backup_for_migrate(const std::vector<nlohmann::json>& events, const std::string& database,
                                 core::WallTime now, std::chrono::milliseconds max_age) {
    auto backups = verified_backups(events, database);
    auto window = open_window(events);
    BackupVerdict v;
    core::WallTime since = window ? *window : now - max_age;
    for (auto it = backups.rbegin(); it != backups.rend(); ++it) {
        if (it->at < since) break;
        v.backup = *it;
        v.reason = fmt::format("verified backup {} taken {} ago{}", it->manifest,
                               age_text(std::chrono::duration_cast<std::chrono::milliseconds>(now - it->at)),
                               window ? ", inside the open window" : "");
        return v;
    }
    std::string newest = backups.empty() ? "no verified backup of it is in the journal"
                                         : fmt::format("the newest verified one ({}) is {} old", backups.back().manifest,
                                                       age_text(std::chrono::duration_cast<std::chrono::milliseconds>(
                                                           now - backups.back().at)));
    v.reason = fmt::format("no verified backup of database {} newer than {}: {}. Run `compuerta db backup` first "
                           "(with the same --journal), or pass --no-backup-check if you accept the risk",
                           database,
                           window ? std::string("the window's opening (") + core::format_rfc3339(*window) + ")"
                                  : "max_backup_age (" + age_text(max_age) + ", no window open)",
                           newest);
    return v;
}

BackupVerdict backup_for_restore(const std::vector<nlohmann::json>& events, const std::string& database,
                                 const std::string& run, const std::string& tag) {
    auto backups = verified_backups(events, database);
    auto window = open_window(events);
    BackupVerdict v;
    for (auto it = backups.rbegin(); it != backups.rend(); ++it) {
        if (!tag.empty() && it->tag != tag) continue;
        bool in_scope = window ? it->at >= *window : it->run == run;
        if (!in_scope) continue;
        v.backup = *it;
        v.reason = fmt::format("newest verified backup of {} {} ({})", it->database,
                               window ? "taken in the open window" : "taken in this run", it->manifest);
        return v;
    }
    v.reason = fmt::format("no verified backup of database {}{} taken {} is in the journal: name one with --manifest "
                           "FILE (or check --journal)",
                           database.empty() ? "(any)" : database, tag.empty() ? "" : " for release " + tag,
                           window ? "in the open window" : "in this run (" + run + ")");
    return v;
}

} // namespace compuerta::plugin::db
