#include "core/config/schema.hpp"

namespace compuerta::core::config {

NodePtr section_maintenance() {
    return s::map({
        {"backend", s::choice({"file", "http", "sql"}, "How maintenance mode is switched."), false, ""},
        {"flag_file", s::str("Flag file the web server checks (backend file)."), false, ""},
        {"public_url", s::url("Public URL that answers 503 while on."), false, ""},
        {"bypass_header", s::str("Header that lets checks through while on."), false, ""},
        {"bypass_value", s::secret("Value of the bypass header."), false, ""},
        {"admin_url", s::secret_url("Admin endpoint that switches maintenance (backend http)."), false, ""},
        {"admin_method", s::choice({"POST", "PUT", "PATCH"}, "Method for the admin endpoint (POST)."), false, ""},
        {"admin_on_body", s::templ("Body sent to switch on ({\"maintenance\": true})."), false, ""},
        {"admin_off_body", s::templ("Body sent to switch off ({\"maintenance\": false})."), false, ""},
        {"admin_token", s::secret("Bearer token for the admin endpoint."), false, ""},
        {"dsn", s::dsn("Database where the SQL statements run (backend sql)."), false, ""},
        {"on_sql", s::templ("Statement that switches maintenance on (backend sql)."), false, ""},
        {"off_sql", s::templ("Statement that switches maintenance off (backend sql)."), false, ""},
        {"state_sql", s::templ("Query answering true/false: is maintenance on (backend sql)."), false, ""},
        {"ca_file", s::str("CA bundle for the public URL and the admin endpoint."), false, ""},
        {"insecure", s::boolean("Skip TLS verification (shows as warn)."), false, ""},
        {"timeout", s::duration("Timeout of each request or statement (10s)."), false, ""},
    });
}

NodePtr section_notify() {
    auto text = s::map({
        {"subject", s::templ("Subject/title; {release} {environment} {window_start} {window_end} {result} "
                             "{pipeline_url} {report_url}."),
         false, ""},
        {"body", s::templ("Body with the same placeholders."), false, ""},
    });
    return s::map({
        {"lang", s::choice({"es", "en"}), false, ""},
        {"webhooks", s::list(s::map({
                         {"type", s::choice({"slack", "teams", "mattermost", "json"}), true, ""},
                         {"url", s::secret_url("Webhook URL (secret)."), true, ""},
                         {"name", s::str("Channel name in reports (default: the type)."), false, ""},
                     })),
         false, ""},
        {"email", s::map({
                      {"smtp_url", s::with_rule(s::url("smtp://host:587 (STARTTLS) or smtps://host:465 (implicit TLS)."), "url.smtp"), true, ""},
                      {"tls", s::choice({"starttls", "implicit"}, "TLS mode (default from the URL scheme)."), false,
                       ""},
                      {"username", s::str("SMTP user."), false, ""},
                      {"password", s::secret("SMTP password (secret)."), false, ""},
                      {"from", s::str("Sender address."), true, ""},
                      {"to", s::list(s::str(), "Recipients."), true, ""},
                      {"ca_file", s::str("CA bundle for the SMTP server."), false, ""},
                      {"insecure", s::boolean("Skip TLS verification (warns)."), false, ""},
                  }),
         false, "E-mail over SMTP with STARTTLS or implicit TLS."},
        {"templates", s::map({{"window", text, false, ""}, {"success", text, false, ""}, {"rollback", text, false, ""}}),
         false, "Overrides of the built-in texts."},
        {"report_url", s::str("Link to the checklist/report in messages."), false, ""},
        {"timeout", s::duration("Timeout of each delivery (10s)."), false, ""},
    });
}

} // namespace compuerta::core::config
