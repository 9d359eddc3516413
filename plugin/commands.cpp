#include "plugin/commands.hpp"

#include "plugin/config/config_check.hpp"
#include "plugin/db/backup.hpp"
#include "plugin/db/migrate.hpp"
#include "plugin/db/restore.hpp"
#include "plugin/db/snapshot.hpp"
#include "plugin/deploy/deploy_command.hpp"
#include "plugin/gates/defects_command.hpp"
#include "plugin/gates/env_command.hpp"
#include "plugin/gates/qa_command.hpp"
#include "plugin/release/gate_command.hpp"
#include "plugin/release/tag_command.hpp"
#include "plugin/window/commands.hpp"
#include "plugin/window/plan.hpp"
#include "smoke/config_rules.hpp"
#include "smoke/smoke_command.hpp"

namespace compuerta::plugin {

const core::cli::Registry& commands() {
    static const core::cli::Registry registry = [] {
        core::cli::Registry r;
        smoke::define_config_rules(); // before any compuerta.yml loads (config check, commands)
        r.add(config_check_command());
        r.add(release::gate_release_command());
        r.add(release::tag_command());
        r.add(gates::gate_qa_command());
        r.add(gates::gate_defects_command());
        r.add(gates::gate_env_command());
        r.add(window::signoff_command());
        r.add(window::window_command());
        r.add(window::notify_command());
        r.add(window::maintenance_command());
        r.add(window::checklist_command());
        r.add(db::backup_command());
        r.add(db::migrate_command());
        r.add(db::restore_command());
        r.add(db::status_command());
        r.add(db::snapshot_command());
        r.add(deploy::deploy_command());
        r.add(deploy::rollback_command());
        r.add(smoke::smoke_command());
        r.add_external("renapo-sim", "compuerta-renapo-sim", "sim.summary");
        // Completion offers the plan's rows where a usage says ITEM.
        std::vector<std::string> items;
        for (const auto& row : window::builtin_plan())
            items.push_back(row.id);
        r.add_values("ITEM", std::move(items));
        return r;
    }();
    return registry;
}

} // namespace compuerta::plugin
