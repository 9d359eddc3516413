#include "smoke/registry.hpp"

#include "core/messages/catalog.hpp"
#include "smoke/checks/http.hpp"
#include "smoke/checks/logs.hpp"
#include "smoke/checks/postgres.hpp"
#include "smoke/checks/renapo.hpp"
#include "smoke/checks/transaction.hpp"

namespace compuerta::smoke {

const std::map<std::string, Kind>& kinds() {
    static const std::map<std::string, Kind> table = {
        {"postgres", {"6.1", "smoke.postgres.name", "smoke.postgres", checks::make_postgres}},
        {"http", {"6.2", "smoke.http.name", "smoke.http", checks::make_http}},
        {"renapo", {"6.2", "smoke.renapo.name", "smoke.renapo", checks::make_renapo}},
        {"transaction",
         {"6.3", "smoke.transaction.name", "smoke.transaction", checks::make_transaction}},
        {"logs", {"6.4", "smoke.logs.name", "smoke.logs", checks::make_logs}},
    };
    return table;
}

core::CheckSpec spec_from(const core::config::Value& def, const std::string& kind, const Kind& k,
                          const SuiteContext& ctx, const std::string& default_id) {
    core::CheckSpec spec;
    spec.id = def["id"].str_or(default_id);
    spec.item = def["item"].str_or(k.item);
    spec.name = def["name"].present() ? def["name"].str() : core::msg::tr(k.name);
    spec.classname = k.classname.empty() ? "smoke." + kind : k.classname;
    spec.depends_on = def["depends_on"].strings();
    spec.timeout = def["timeout"].duration_or(ctx.default_timeout);
    return spec;
}

} // namespace compuerta::smoke
