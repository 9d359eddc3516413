#include "core/config/schema.hpp"

namespace compuerta::core::config {

NodePtr section_maintenance() {
    return s::map({
        {"backend", s::choice({"file", "http", "sql"}, "How maintenance mode is switched."), false, ""},
        {"flag_file", s::str("Flag file the web server checks (backend file)."), false, ""},
        {"public_url", s::url("Public URL that answers 503 while on."), false, ""},
        {"bypass_header", s::str("Header that lets checks through while on."), false, ""},
        {"bypass_value", s::secret("Value of the bypass header."), false, ""},
    });
}

NodePtr section_notify() {
    return s::map({
        {"lang", s::choice({"es", "en"}), false, ""},
        {"webhooks", s::list(s::map({
                         {"type", s::choice({"slack", "teams", "mattermost", "json"}), true, ""},
                         {"url", s::secret_url("Webhook URL (secret)."), true, ""},
                     })),
         false, ""},
    });
}

} // namespace compuerta::core::config
