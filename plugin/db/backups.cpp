#include "plugin/db/backups.hpp"

#include "core/events.hpp"
#include "core/messages/catalog.hpp"
#include "core/util/json.hpp"

#include <fmt/format.h>

namespace compuerta::plugin::db {

namespace msg = core::msg;

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
        v.reason = msg::tr(
            window ? "db.backup_for_migrate.found.window" : "db.backup_for_migrate.found",
            {{"manifest", it->manifest},
             {"age",
              age_text(std::chrono::duration_cast<std::chrono::milliseconds>(now - it->at))}});
        return v;
    }
    // One sentence per case: whether a window is open, whether an older backup exists.
    msg::Params p{{"database", database}};
    if (window)
        p.emplace_back("opened", core::format_rfc3339(*window));
    else
        p.emplace_back("max_age", age_text(max_age));
    if (!backups.empty()) {
        p.emplace_back("manifest", backups.back().manifest);
        p.emplace_back("age", age_text(std::chrono::duration_cast<std::chrono::milliseconds>(
                                  now - backups.back().at)));
    }
    v.reason = msg::tr(std::string("db.backup_for_migrate.missing") +
                           (window ? ".window" : ".age") + (backups.empty() ? ".none" : ".old"),
                       p);
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
        v.reason = msg::tr(window ? "db.backup_for_restore.found.window"
                                  : "db.backup_for_restore.found.run",
                           {{"database", it->database}, {"manifest", it->manifest}});
        return v;
    }
    msg::Params p{{"database", database.empty() ? msg::tr("db.backup_for_restore.any") : database},
                  {"run", run}};
    if (!tag.empty())
        p.emplace_back("tag", tag);
    v.reason = msg::tr(std::string("db.backup_for_restore.missing") + (tag.empty() ? "" : ".tag") +
                           (window ? ".window" : ".run"),
                       p);
    return v;
}

} // namespace compuerta::plugin::db
