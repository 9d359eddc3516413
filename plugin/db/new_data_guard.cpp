#include "plugin/db/new_data_guard.hpp"

#include "core/errors.hpp"
#include "core/messages/catalog.hpp"
#include "core/ports/db.hpp"

#include <fmt/format.h>

namespace compuerta::plugin::db {

namespace msg = core::msg;

std::optional<std::string> maintenance_off_after(const std::vector<nlohmann::json>& events,
                                                 const std::string& backup_finished) {
    std::optional<std::string> newest;
    for (const auto& e : events) {
        if (!e.is_object() || e.value("event", "") != "maintenance.off" ||
            e.value("status", "") != "ok")
            continue;
        std::string ts = e.value("ts", "");
        if (ts.empty() || (!backup_finished.empty() && ts <= backup_finished))
            continue;
        if (!newest || ts > *newest)
            newest = ts;
    }
    return newest;
}

std::vector<std::string> writes_since_backup(core::DbSession& live, const Manifest& m) {
    std::vector<std::string> out;
    if (!m.wal_lsn.empty()) {
        try {
            auto bytes = live.scalar(
                "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), $1::pg_lsn)::bigint", {m.wal_lsn});
            if (bytes)
                out.push_back(
                    msg::trn("db.new_data.wal", std::stoll(*bytes), {{"lsn", m.wal_lsn}}));
        } catch (const core::DbError& e) {
            out.push_back(msg::tr("db.new_data.wal_unknown", {{"error", e.what()}}));
        }
    }
    try {
        auto rows =
            live.query("SELECT schemaname || '.' || relname, n_live_tup FROM pg_stat_user_tables");
        for (const auto& r : rows) {
            if (r.size() < 2 || !r[0] || !r[1])
                continue;
            auto it = m.tables.find(*r[0]);
            long long now = std::stoll(*r[1]);
            if (it == m.tables.end()) {
                if (now > 0)
                    out.push_back(msg::trn("db.new_data.new_table", now, {{"table", *r[0]}}));
                continue;
            }
            if (now != it->second)
                out.push_back(msg::trn("db.new_data.rows", now,
                                       {{"table", *r[0]},
                                        {"backup", it->second},
                                        {"change", fmt::format("{:+}", now - it->second)}}));
        }
    } catch (const std::exception& e) {
        out.push_back(msg::tr("db.new_data.rows_unknown", {{"error", e.what()}}));
    }
    return out;
}

std::optional<core::Outcome> refuse_restore_over_new_data(const std::vector<nlohmann::json>& events,
                                                          const Manifest& m, core::DbSession* live,
                                                          bool over_new_data) {
    auto off = maintenance_off_after(events, m.finished);
    if (!off)
        return std::nullopt;
    std::vector<std::string> writes;
    if (live != nullptr)
        writes = writes_since_backup(*live, m);
    if (over_new_data)
        return std::nullopt;
    std::string summary = writes.empty() ? msg::tr("db.new_data.unmeasured") : writes.front();
    core::Outcome o = core::Outcome::make(
        core::Status::error,
        msg::tr(
            "db.new_data.refused",
            {{"off", *off},
             {"finished", m.finished.empty() ? msg::tr("db.new_data.time_unknown") : m.finished},
             {"written", summary}}));
    for (const auto& w : writes)
        o.detail += w + "\n";
    o.evidence.emplace_back("maintenance_off", *off);
    for (std::size_t i = 0; i < writes.size() && i < 20; ++i)
        o.evidence.emplace_back("written_" + std::to_string(i), writes[i]);
    return o;
}

void add_new_data_option(po::options_description& d) {
    d.add_options()("over-new-data", po::bool_switch(),
                    msg::tr("db.restore.opt.over_new_data").c_str());
}

std::optional<core::Outcome> check_new_data(DbContext& ctx, const Manifest& m) {
    if (!maintenance_off_after(ctx.events, m.finished))
        return std::nullopt;
    bool over = ctx.inv.args().count("over-new-data") && ctx.inv.args()["over-new-data"].as<bool>();
    std::unique_ptr<core::DbSession> live;
    try {
        live = ctx.connect(ctx.dsn);
    } catch (const core::ExitError&) {
        // The database is gone or unreachable: nothing measured, still refused.
    }
    auto refusal = refuse_restore_over_new_data(ctx.events, m, live.get(), over);
    if (!refusal && over)
        ctx.progress(msg::tr("db.new_data.overriding"));
    return refusal;
}

} // namespace compuerta::plugin::db
