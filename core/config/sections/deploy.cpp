#include "core/config/schema.hpp"

namespace compuerta::core::config {

NodePtr section_deploy() {
    return s::map({
        {"commands", s::list(s::templ(), "Deploy commands; {tag} {previous_tag} {commit} {environment}."),
         false, ""},
        {"restart", s::list(s::templ(), "Restart commands."), false, ""},
        {"health_url", s::url("URL polled until healthy after restart."), false, ""},
        {"timeout", s::duration("Timeout of each command."), false, ""},
        {"current_release", s::templ("Command printing the release now deployed (recorded as previous_release)."),
         false, ""},
        {"health_timeout", s::duration("How long to wait for the health URL (default 120s)."), false, ""},
        {"health_interval", s::duration("Pause between health polls (default 2s)."), false, ""},
        {"environment", s::str("Environment name for {environment} (default CI_ENVIRONMENT_NAME, else production)."),
         false, ""},
    });
}

NodePtr section_rollback() {
    return s::map({
        {"automatic", s::list(s::str(), "Plan items whose fail rolls back automatically."), false, ""},
        {"approval", s::list(s::str(), "Plan items whose fail waits for approval."), false, ""},
        {"smoke_junit", s::list(s::str(), "Smoke JUnit files the decision reads (default: this run's journal)."),
         false, ""},
        {"postmortem", s::str("Where the post-mortem skeleton is written (default compuerta-postmortem.md)."),
         false, ""},
        {"tool_timeout", s::duration("Timeout of each step run as a command (restore, smoke...; default 2h)."),
         false, ""},
        {"lock_timeout", s::duration("Deadline for taking the rollback lock (default 10s)."), false, ""},
    });
}

} // namespace compuerta::core::config
