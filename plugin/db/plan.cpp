#include "plugin/db/plan.hpp"

#include "core/messages/catalog.hpp"

#include <fmt/format.h>
#include <map>

namespace compuerta::plugin::db {

namespace msg = core::msg;

MigrationPlan plan_migrations(const std::vector<MigrationFile>& files, const std::vector<HistoryRow>& history,
                              const std::optional<Version>& target, const std::string& table) {
    MigrationPlan plan;
    std::map<std::string, const HistoryRow*> applied_versions;     // normalised version -> row
    std::map<std::string, const HistoryRow*> latest_repeatable;   // description -> newest success row
    for (const HistoryRow& row : history) {
        if (!row.success) {
            plan.problems.push_back(
                msg::tr(row.version ? "db.plan.failed_row" : "db.plan.failed_row.repeatable",
                        {{"version", row.version ? "V" + *row.version : std::string()},
                         {"script", row.script},
                         {"table", table},
                         {"rank", row.installed_rank}}));
            continue;
        }
        if (row.version) {
            auto v = Version::parse(*row.version);
            if (!v) {
                plan.warnings.push_back(msg::tr(
                    "db.plan.unreadable_version",
                    {{"table", table}, {"version", *row.version}, {"rank", row.installed_rank}}));
                continue;
            }
            applied_versions[v->text()] = &row;
            if (!plan.current || *plan.current < *v) plan.current = *v;
        } else if (row.type == "SQL") {
            latest_repeatable[row.description] = &row;
        }
    }
    // Normalise keys once more so "1.0" in history matches V1 on disk.
    auto find_applied = [&](const Version& v) -> const HistoryRow* {
        for (const auto& [text, row] : applied_versions)
            if (Version::parse(text)->compare(v) == 0) return row;
        return nullptr;
    };

    for (const MigrationFile& f : files) {
        if (f.repeatable()) continue;
        const HistoryRow* row = find_applied(*f.version);
        if (row != nullptr) {
            plan.applied.push_back(&f);
            if (row->type == "SQL" && row->checksum && *row->checksum != f.checksum)
                plan.problems.push_back(
                    msg::tr("db.plan.checksum_changed", {{"file", f.path.string()},
                                                         {"recorded", *row->checksum},
                                                         {"table", table},
                                                         {"on_disk", f.checksum}}));
            continue;
        }
        if (plan.current && *f.version < *plan.current) {
            plan.problems.push_back(
                msg::tr("db.plan.out_of_order", {{"file", f.path.string()},
                                                 {"version", f.version->text()},
                                                 {"current", plan.current->text()}}));
            continue;
        }
        if (target && *target < *f.version) continue;
        plan.pending.push_back(&f);
    }
    for (const auto& [text, row] : applied_versions) {
        bool local = false;
        for (const MigrationFile& f : files)
            local = local || (f.version && f.version->compare(*Version::parse(text)) == 0);
        if (!local && row->type == "SQL")
            plan.problems.push_back(
                msg::tr("db.plan.missing_file",
                        {{"version", text}, {"script", row->script}, {"table", table}}));
    }
    for (const MigrationFile& f : files) {
        if (!f.repeatable()) continue;
        auto it = latest_repeatable.find(f.description);
        if (it == latest_repeatable.end() || !it->second->checksum || *it->second->checksum != f.checksum)
            plan.pending.push_back(&f);
    }
    return plan;
}

} // namespace compuerta::plugin::db
