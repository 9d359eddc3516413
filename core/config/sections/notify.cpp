#include "core/config/schema.hpp"

namespace compuerta::core::config {

NodePtr section_maintenance() {
    return s::map({
        {"backend", s::choice({"file", "http", "sql"}, "config.maintenance.backend"), false, ""},
        {"flag_file", s::str("config.maintenance.flag_file"), false, ""},
        {"public_url", s::url("config.maintenance.public_url"), false, ""},
        {"bypass_header", s::str("config.maintenance.bypass_header"), false, ""},
        {"bypass_value", s::secret("config.maintenance.bypass_value"), false, ""},
        {"admin_url", s::secret_url("config.maintenance.admin_url"), false, ""},
        {"admin_method", s::choice({"POST", "PUT", "PATCH"}, "config.maintenance.admin_method"), false, ""},
        {"admin_on_body", s::templ("config.maintenance.admin_on_body"), false, ""},
        {"admin_off_body", s::templ("config.maintenance.admin_off_body"), false, ""},
        {"admin_token", s::secret("config.maintenance.admin_token"), false, ""},
        {"dsn", s::dsn("config.maintenance.dsn"), false, ""},
        {"on_sql", s::templ("config.maintenance.on_sql"), false, ""},
        {"off_sql", s::templ("config.maintenance.off_sql"), false, ""},
        {"state_sql", s::templ("config.maintenance.state_sql"), false, ""},
        {"ca_file", s::str("config.maintenance.ca_file"), false, ""},
        {"insecure", s::boolean("config.environment.urls.insecure"), false, ""},
        {"timeout", s::duration("config.maintenance.timeout"), false, ""},
    });
}

NodePtr section_notify() {
    auto text = s::map({
        {"subject", s::templ("config.notify.templates.window.subject"),
         false, ""},
        {"body", s::templ("config.notify.templates.window.body"), false, ""},
    });
    return s::map({
        {"lang", s::choice({"es", "en"}), false, ""},
        {"webhooks", s::list(s::map({
                         {"type", s::choice({"slack", "teams", "mattermost", "json"}), true, ""},
                         {"url", s::secret_url("config.notify.webhooks.url"), true, ""},
                         {"name", s::str("config.notify.webhooks.name"), false, ""},
                     })),
         false, ""},
        {"email", s::map({
                      {"smtp_url", s::with_rule(s::url("config.notify.email.smtp_url"), "url.smtp"), true, ""},
                      {"tls", s::choice({"starttls", "implicit"}, "config.notify.email.tls"), false,
                       ""},
                      {"username", s::str("config.notify.email.username"), false, ""},
                      {"password", s::secret("config.notify.email.password"), false, ""},
                      {"from", s::str("config.notify.email.from"), true, ""},
                      {"to", s::list(s::str(), "config.notify.email.to"), true, ""},
                      {"ca_file", s::str("config.notify.email.ca_file"), false, ""},
                      {"insecure", s::boolean("config.notify.email.insecure"), false, ""},
                  }),
         false, "config.notify.email"},
        {"templates", s::map({{"window", text, false, ""}, {"success", text, false, ""}, {"rollback", text, false, ""}}),
         false, "config.notify.templates"},
        {"report_url", s::str("config.notify.report_url"), false, ""},
        {"timeout", s::duration("config.notify.timeout"), false, ""},
    });
}

} // namespace compuerta::core::config
