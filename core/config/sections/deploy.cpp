#include "core/config/sections/deploy.hpp"

namespace compuerta::core::config {

const SectionDecl<DeploySection>& deploy_decl() {
    static const SectionDecl<DeploySection> decl = [] {
        using D = DeploySection;
        SectionDecl<D> d("deploy");
        d.templates("commands", &D::commands,
                    "Deploy commands; {tag} {previous_tag} {commit} {environment}.")
            .templates("restart", &D::restart, "Restart commands.")
            .optional_text("health_url", &D::health_url,
                           s::url("URL polled until healthy after restart."))
            .duration("timeout", &D::timeout, "10m", "Timeout of each deploy and restart command.")
            .optional_template(
                "current_release", &D::current_release,
                "Command printing the release now deployed (recorded as previous_release).")
            .duration("health_timeout", &D::health_timeout, "120s",
                      "How long to wait for the health URL.")
            .duration("health_interval", &D::health_interval, "2s", "Pause between health polls.")
            .optional_text("environment", &D::environment,
                           s::str("Environment name for {environment} (default "
                                  "CI_ENVIRONMENT_NAME, else production)."));
        return d;
    }();
    return decl;
}

const SectionDecl<RollbackSection>& rollback_decl() {
    static const SectionDecl<RollbackSection> decl = [] {
        using R = RollbackSection;
        SectionDecl<R> d("rollback");
        d.strings("automatic", &R::automatic, {"6.1", "6.3", "6.4"},
                  "Plan items whose fail rolls back automatically.")
            .strings("approval", &R::approval, {"6.2"}, "Plan items whose fail waits for approval.")
            .strings("smoke_junit", &R::smoke_junit, {},
                     "Smoke JUnit files the decision reads (none: this run's journal).")
            .text("postmortem", &R::postmortem, "compuerta-postmortem.md",
                  "Where the post-mortem skeleton is written.")
            .duration("tool_timeout", &R::tool_timeout, "2h",
                      "Timeout of each step run as a command (restore, smoke...).")
            .duration("lock_timeout", &R::lock_timeout, "10s",
                      "Deadline for taking the rollback lock.");
        return d;
    }();
    return decl;
}

NodePtr section_deploy() {
    return deploy_decl().schema();
}

NodePtr section_rollback() {
    return rollback_decl().schema();
}

} // namespace compuerta::core::config
