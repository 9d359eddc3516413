// Snapshots in the cluster: listed by `db status`, dropped by `window close`
// after a successful release beyond database.snapshot.keep.
#include "core/util/text.hpp"
#include "core/config/sections/database.hpp"
#include "core/errors.hpp"
#include "core/events.hpp"
#include "core/messages/catalog.hpp"
#include "core/util/json.hpp"
#include "plugin/db/snapshot.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <set>

namespace compuerta::plugin::db {

namespace {


// True when `name` is generated_name(database, "snap", ...): a prefix of the
// database, "_snap_", a release, "_yyyymmddthhmmssz".
bool is_snapshot_of(const std::string& name, const std::string& database,
                    std::optional<core::WallTime>& taken) {
    if (name.size() < 24 || name[name.size() - 17] != '_')
        return false;
    std::string stamp = name.substr(name.size() - 16);
    for (std::size_t at = name.find("_snap_"); at != std::string::npos;
         at = name.find("_snap_", at + 1)) {
        if (at == 0 || database.compare(0, at, name, 0, at) != 0 || at + 6 > name.size() - 17)
            continue;
        std::string rfc = fmt::format("{}-{}-{}T{}:{}:{}Z", stamp.substr(0, 4), stamp.substr(4, 2),
                                      stamp.substr(6, 2), stamp.substr(9, 2), stamp.substr(11, 2),
                                      stamp.substr(13, 2));
        core::WallTime t;
        if (core::parse_rfc3339(rfc, t))
            taken = t;
        return true;
    }
    return false;
}

} // namespace

std::vector<SnapshotEntry> list_snapshots(core::DbSession& s, const std::string& database) {
    std::vector<SnapshotEntry> out;
    for (const auto& r :
         s.query("SELECT datname, pg_database_size(oid)::text FROM pg_database WHERE datname LIKE "
                 "'%\\_snap\\_%' ORDER BY datname")) {
        SnapshotEntry e;
        e.name = r[0].value_or("");
        if (!is_snapshot_of(e.name, database, e.taken))
            continue;
        e.bytes = std::stoull(r[1].value_or("0"));
        out.push_back(std::move(e));
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const auto& a, const auto& b) { return a.taken < b.taken; });
    return out;
}

std::vector<std::string> prune_snapshots_after_release(core::cli::Invocation& inv) {
    std::vector<std::string> out;
    auto events = core::read_journal(inv.journal().file().parent_path()).events;
    // This window: from its last opening.
    std::size_t from = 0;
    for (std::size_t i = 0; i < events.size(); ++i)
        if (core::util::json_string(events[i], "event") == "window.open")
            from = i;
    std::set<std::string> databases;
    bool deployed = false, rolled_back = false;
    for (std::size_t i = 0; i < events.size(); ++i) {
        const auto& e = events[i];
        std::string ev = core::util::json_string(e, "event");
        if (ev == core::events::BackupSnapshot::name && core::util::json_string(e, "status") == "ok" && core::util::json_string(e, "phase") == "take")
            databases.insert(core::util::json_string(e, "database"));
        if (i < from)
            continue;
        if (ev == "deploy.done")
            deployed = core::util::json_string(e, "status") == "ok";
        if ((ev.rfind("rollback.", 0) == 0 && core::util::json_string(e, "status") != "nothing") ||
            ev == "restore.done")
            rolled_back = true;
    }
    if (databases.empty())
        return out;
    if (!deployed || rolled_back) {
        out.push_back(core::msg::tr(rolled_back ? "db.snapshot.kept.rolled_back"
                                                : "db.snapshot.kept.no_deploy"));
        return out;
    }
    auto settings = core::config::database_decl().read(inv.config());
    int keep = static_cast<int>(settings.snapshot_keep);
    auto db = inv.adapters().db();
    std::string dsn = settings.dsn.str_or("");
    try {
        auto s = db->connect(db->with_database(dsn, "postgres"), "compuerta-window",
                             core::Deadline::after(core::Millis(10'000)));
        if (!s)
            throw core::CannotEvaluate(s.error().message);
        for (const auto& database : databases) {
            auto list = list_snapshots(*s.value(), database);
            for (std::size_t i = 0; i + static_cast<std::size_t>(std::max(keep, 0)) < list.size();
                 ++i) {
                s.value()->exec(
                    fmt::format("DROP DATABASE IF EXISTS {}", core::quote_ident(list[i].name)));
                out.push_back(core::msg::tr(
                    "db.snapshot.old_dropped",
                    {{"snapshot", list[i].name}, {"size", core::util::mib(list[i].bytes)}}));
            }
        }
    } catch (const std::exception& e) {
        out.push_back(core::msg::tr("db.snapshot.old_not_dropped", {{"error", e.what()}}));
    }
    return out;
}

} // namespace compuerta::plugin::db
