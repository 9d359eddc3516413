// The snapshot's record in the manifest, its name, and the facts both the
// snapshot and its rollback check: write counters, sessions, row counts.
#include "core/errors.hpp"
#include "core/fs.hpp"
#include "core/messages/catalog.hpp"
#include "plugin/db/snapshot.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fstream>

namespace compuerta::plugin::db {

namespace fs = std::filesystem;
namespace msg = core::msg;
using nlohmann::json;

namespace {

// inserted, updated, deleted, stats_reset, server start, track_counts; `scope`
// says how they were summed ("" = pg_stat_database's, for the database as a whole).
WriteStats stats_of(const core::DbRow& r, const char* scope) {
    WriteStats w{{"inserted", r[0].value_or("")},     {"updated", r[1].value_or("")},
                 {"deleted", r[2].value_or("")},      {"stats_reset", r[3].value_or("")},
                 {"server_start", r[4].value_or("")}, {"track_counts", r[5].value_or("")}};
    if (*scope != '\0')
        w["scope"] = scope;
    return w;
}

} // namespace

WriteStats read_write_stats(core::DbSession& s, const std::string& database) {
    auto rows = s.query(
        "SELECT tup_inserted::text, tup_updated::text, tup_deleted::text, "
        "coalesce(stats_reset::text, ''), "
        "pg_postmaster_start_time()::text, current_setting('track_counts') FROM pg_stat_database "
        "WHERE datname = $1",
        {database});
    if (rows.empty())
        throw core::DbError(core::msg::tr("db.snapshot.no_stats_row", {{"database", database}}),
                            "3D000");
    return stats_of(rows[0], "");
}

WriteStats read_table_write_stats(core::DbSession& s) {
    s.exec("SELECT pg_stat_clear_snapshot()"); // the counters as they are now, not as first read
    auto rows = s.query(
        "WITH statistics AS (SELECT oid FROM pg_class WHERE oid IN "
        "('pg_catalog.pg_statistic'::regclass, "
        "'pg_catalog.pg_statistic_ext_data'::regclass) UNION SELECT reltoastrelid FROM pg_class "
        "WHERE oid IN "
        "('pg_catalog.pg_statistic'::regclass, 'pg_catalog.pg_statistic_ext_data'::regclass)) "
        "SELECT coalesce(sum(n_tup_ins), 0)::text, coalesce(sum(n_tup_upd), 0)::text, "
        "coalesce(sum(n_tup_del), 0)::text, "
        "(SELECT coalesce(stats_reset::text, '') FROM pg_stat_database WHERE datname = "
        "current_database()), "
        "pg_postmaster_start_time()::text, current_setting('track_counts') "
        "FROM pg_stat_all_tables t JOIN pg_class c ON c.oid = t.relid "
        "WHERE NOT c.relisshared AND t.relid NOT IN (SELECT oid FROM statistics)");
    if (rows.empty())
        throw core::DbError(core::msg::tr("db.snapshot.no_table_stats"), "XX000");
    return stats_of(rows[0], "tables");
}

std::string write_stats_differ(const WriteStats& then, const WriteStats& now) {
    if (then.empty())
        return msg::tr("db.snapshot.counters.none_then");
    auto get = [](const WriteStats& w, const char* k) {
        auto it = w.find(k);
        return it == w.end() ? std::string() : it->second;
    };
    if (get(then, "scope") != get(now, "scope"))
        return msg::tr("db.snapshot.counters.other_way");
    if (get(now, "track_counts") != "on" || get(then, "track_counts") != "on")
        return msg::tr("db.snapshot.counters.track_counts_off");
    if (get(then, "server_start") != get(now, "server_start"))
        return msg::tr("db.snapshot.counters.restarted",
                       {{"then", get(then, "server_start")}, {"now", get(now, "server_start")}});
    if (get(then, "stats_reset") != get(now, "stats_reset"))
        return msg::tr("db.snapshot.counters.reset");
    std::string out;
    for (const char* k : {"inserted", "updated", "deleted"})
        if (get(then, k) != get(now, k))
            out +=
                (out.empty() ? "" : "; ") + msg::tr(std::string("db.snapshot.counters.") + k,
                                                    {{"then", get(then, k)}, {"now", get(now, k)}});
    return out;
}

namespace {

json stats_json(const WriteStats& w) {
    return w.empty() ? json::object() : json(w);
}

} // namespace

std::optional<SnapshotInfo> read_snapshot(const fs::path& manifest) {
    std::ifstream in(manifest, std::ios::binary);
    if (!in)
        throw core::CannotEvaluate(
            core::msg::tr("db.snapshot.manifest_unreadable", {{"manifest", manifest.string()}}));
    try {
        json j = json::parse(in);
        if (!j.contains("snapshot") || !j["snapshot"].is_object())
            return std::nullopt;
        const json& s = j["snapshot"];
        SnapshotInfo i;
        i.name = s.at("name").get<std::string>();
        i.database = s.value("database", "");
        i.taken = s.value("taken", "");
        i.bytes = s.value("bytes", std::uint64_t{0});
        i.tables = s.value("tables", std::map<std::string, std::int64_t>{});
        i.source_stats = s.value("source_write_stats", WriteStats{});
        i.stats = s.value("write_stats", WriteStats{});
        i.space_check = s.value("space_check", "");
        i.timings_ms = s.value("timings_ms", std::map<std::string, long long>{});
        return i;
    } catch (const json::exception& e) {
        throw core::CannotEvaluate(
            core::msg::tr("db.snapshot.record_unreadable",
                          {{"manifest", manifest.string()}, {"error", e.what()}}));
    }
}

void attach_snapshot(const fs::path& manifest, const SnapshotInfo& i) {
    std::ifstream in(manifest, std::ios::binary);
    if (!in)
        throw core::CannotEvaluate(
            core::msg::tr("db.snapshot.manifest_unreadable", {{"manifest", manifest.string()}}));
    json j;
    try {
        j = json::parse(in);
    } catch (const json::exception& e) {
        throw core::CannotEvaluate(core::msg::tr(
            "db.snapshot.not_a_manifest", {{"manifest", manifest.string()}, {"error", e.what()}}));
    }
    j["snapshot"] = {{"name", i.name},
                     {"database", i.database},
                     {"taken", i.taken},
                     {"bytes", i.bytes},
                     {"tables", i.tables},
                     {"source_write_stats", stats_json(i.source_stats)},
                     {"write_stats", stats_json(i.stats)},
                     {"space_check", i.space_check},
                     {"timings_ms", i.timings_ms}};
    core::write_file_atomic(manifest, j.dump(2) + "\n");
}

namespace {

// The longest prefix of `s` within `bytes` that does not cut a UTF-8 character.
std::string utf8_prefix(const std::string& s, std::size_t bytes) {
    if (s.size() <= bytes)
        return s;
    std::size_t n = bytes;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80)
        --n;
    return s.substr(0, n);
}

} // namespace

std::string generated_name(const std::string& database, const std::string& kind,
                           const std::string& release, const std::string& rfc3339) {
    constexpr std::size_t k_max = 63; // NAMEDATALEN - 1
    std::string stamp;
    for (char c : rfc3339.substr(0, 19))
        if (std::isdigit(static_cast<unsigned char>(c)))
            stamp += c;
        else if (c == 'T')
            stamp += 't';
    stamp += 'z'; // yyyymmddthhmmssz
    std::string rel;
    for (char c : release) {
        unsigned char u = static_cast<unsigned char>(c);
        if (std::isalnum(u) && u < 0x80)
            rel += static_cast<char>(std::tolower(u));
        else if (!rel.empty() && rel.back() != '_')
            rel += '_';
    }
    while (!rel.empty() && rel.back() == '_')
        rel.pop_back();
    if (rel.empty())
        rel = "norelease";
    std::string fixed =
        "_" + kind + "_" + "_" + stamp; // everything but the database and the release
    std::size_t room = k_max - fixed.size();
    std::string db =
        utf8_prefix(database, std::max<std::size_t>(room / 2, room - std::min(room, rel.size())));
    rel = rel.substr(0, std::min(rel.size(), room - db.size()));
    while (!rel.empty() && rel.back() == '_')
        rel.pop_back();
    return db + "_" + kind + "_" + rel + "_" + stamp;
}

std::vector<std::string> close_database(core::DbSession& admin, const std::string& database,
                                        const std::string& keep_pid) {
    admin.exec(
        fmt::format("ALTER DATABASE {} ALLOW_CONNECTIONS false", core::quote_ident(database)));
    std::vector<std::string> ended;
    for (int attempt = 0; attempt < 20; ++attempt) {
        auto rows =
            admin.query("SELECT pid::text, coalesce(nullif(application_name, ''), 'unnamed "
                        "application'), coalesce(usename, '?'), "
                        "coalesce(host(client_addr), 'local socket'), "
                        "pg_terminate_backend(pid, 5000)::text FROM pg_stat_activity "
                        "WHERE datname = $1 AND pid <> pg_backend_pid() AND pid::text <> $2",
                        {database, keep_pid});
        if (rows.empty())
            return ended;
        for (const auto& r : rows)
            ended.push_back(fmt::format("pid {} ({}, user {}, from {})", r[0].value_or("?"),
                                        r[1].value_or("?"), r[2].value_or("?"),
                                        r[3].value_or("?")));
    }
    throw core::DbError(
        core::msg::tr("db.snapshot.sessions_stay", {{"database", database}, {"attempts", 20}}),
        "55006");
}

std::vector<std::string> count_differences(core::DbSession& s,
                                           const std::map<std::string, std::int64_t>& tables,
                                           std::map<std::string, std::int64_t>* counted) {
    std::vector<std::string> out;
    for (const auto& [table, rows] : tables) {
        std::int64_t n = -1;
        try {
            n = std::stoll(s.scalar("SELECT count(*) FROM " + table).value_or("-1"));
        } catch (const core::DbError& e) {
            out.push_back(
                msg::tr("db.snapshot.count.failed", {{"table", table}, {"problem", e.what()}}));
            continue;
        }
        if (counted)
            (*counted)[table] = n;
        if (n != rows)
            out.push_back(msg::tr("db.snapshot.count.differs",
                                  {{"table", table}, {"rows", n}, {"dump", rows}}));
    }
    return out;
}

} // namespace compuerta::plugin::db
