#include "smoke/registry.hpp"

#include "core/config/sections/smoke.hpp"
#include "core/messages/catalog.hpp"
#include "smoke/checks/http.hpp"
#include "smoke/checks/logs.hpp"
#include "smoke/checks/postgres.hpp"
#include "smoke/checks/renapo.hpp"
#include "smoke/checks/transaction.hpp"

namespace compuerta::smoke {

namespace s = core::config::s;

const std::map<std::string, Kind>& kinds() {
    static const std::map<std::string, Kind> table = {
        {"postgres",
         {"6.1", "smoke.postgres.name", "smoke.postgres", checks::make_postgres,
          checks::postgres_decl().schema()}},
        {"http",
         {"6.2", "smoke.http.name", "smoke.http", checks::make_http, checks::http_decl().schema()}},
        {"renapo",
         {"6.2", "smoke.renapo.name", "smoke.renapo", checks::make_renapo,
          checks::renapo_decl().schema()}},
        {"transaction",
         {"6.3", "smoke.transaction.name", "smoke.transaction", checks::make_transaction,
          checks::transaction_decl().schema()}},
        {"logs",
         {"6.4", "smoke.logs.name", "smoke.logs", checks::make_logs, checks::logs_decl().schema()}},
    };
    return table;
}

const core::config::SectionDecl<CheckKind>& check_kind_decl() {
    static const core::config::SectionDecl<CheckKind> decl = [] {
        core::config::SectionDecl<CheckKind> d("check");
        d.text("kind", &CheckKind::kind, "", "config.smoke.checks.kind").required();
        return d;
    }();
    return decl;
}

const core::config::SectionDecl<CheckCommon>& check_common_decl() {
    static const core::config::SectionDecl<CheckCommon> decl = [] {
        using C = CheckCommon;
        core::config::SectionDecl<C> d("check");
        d.optional_text("id", &C::id, s::str("config.smoke.checks.id"))
            .optional_text("item", &C::item, s::str("config.smoke.checks.item"))
            .optional_text("name", &C::name, s::str("config.smoke.checks.name"))
            .strings("depends_on", &C::depends_on, {}, "config.smoke.checks.depends_on")
            .optional_duration("timeout", &C::timeout, "config.smoke.checks.timeout");
        return d;
    }();
    return decl;
}

core::config::NodePtr check_schema(const Kind& k) {
    std::vector<core::config::Field> fields = check_kind_decl().schema()->fields;
    for (const auto& part : {check_common_decl().schema(), k.options})
        fields.insert(fields.end(), part->fields.begin(), part->fields.end());
    return s::map(std::move(fields));
}

void define_check_kinds() {
    for (const auto& [name, kind] : kinds())
        core::config::define_check_kind(name, check_schema(kind));
}

core::CheckSpec spec_from(const core::config::Value& def, const std::string& kind, const Kind& k,
                          const SuiteContext& ctx, const std::string& default_id) {
    const CheckCommon c = check_common_decl().read(def);
    core::CheckSpec spec;
    spec.id = c.id.value_or(default_id);
    spec.item = c.item.value_or(k.item);
    spec.name = c.name ? *c.name : core::msg::tr(k.name);
    spec.classname = k.classname.empty() ? "smoke." + kind : k.classname;
    spec.depends_on = c.depends_on;
    spec.timeout = c.timeout.value_or(ctx.default_timeout);
    return spec;
}

} // namespace compuerta::smoke
