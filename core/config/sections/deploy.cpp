#include "core/config/schema.hpp"

namespace compuerta::core::config {

NodePtr section_deploy() {
    return s::map({
        {"commands", s::list(s::templ(), "Deploy commands; {tag} {previous_tag} {commit} {environment}."),
         false, ""},
        {"restart", s::list(s::templ(), "Restart commands."), false, ""},
        {"health_url", s::url("URL polled until healthy after restart."), false, ""},
        {"timeout", s::duration("Timeout of each command."), false, ""},
    });
}

NodePtr section_rollback() {
    return s::map({
        {"automatic", s::list(s::str(), "Plan items whose fail rolls back automatically."), false, ""},
        {"approval", s::list(s::str(), "Plan items whose fail waits for approval."), false, ""},
    });
}

} // namespace compuerta::core::config
