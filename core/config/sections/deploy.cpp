#include "core/config/sections/deploy.hpp"

namespace compuerta::core::config {

const SectionDecl<DeploySection>& deploy_decl() {
    static const SectionDecl<DeploySection> decl = [] {
        using D = DeploySection;
        SectionDecl<D> d("deploy");
        d.templates("commands", &D::commands,
                    "config.deploy.commands")
            .templates("restart", &D::restart, "config.deploy.restart")
            .optional_text("health_url", &D::health_url,
                           s::url("config.deploy.health_url"))
            .duration("timeout", &D::timeout, "10m", "config.deploy.timeout")
            .optional_template(
                "current_release", &D::current_release,
                "config.deploy.current_release")
            .duration("health_timeout", &D::health_timeout, "120s",
                      "config.deploy.health_timeout")
            .duration("health_interval", &D::health_interval, "2s", "config.deploy.health_interval")
            .optional_text("environment", &D::environment,
                           s::str("config.deploy.environment"));
        return d;
    }();
    return decl;
}

const SectionDecl<RollbackSection>& rollback_decl() {
    static const SectionDecl<RollbackSection> decl = [] {
        using R = RollbackSection;
        SectionDecl<R> d("rollback");
        d.strings("automatic", &R::automatic, {"6.1", "6.3", "6.4"},
                  "config.rollback.automatic")
            .strings("approval", &R::approval, {"6.2"}, "config.rollback.approval")
            .strings("smoke_junit", &R::smoke_junit, {},
                     "config.rollback.smoke_junit")
            .text("postmortem", &R::postmortem, "compuerta-postmortem.md",
                  "config.rollback.postmortem")
            .duration("tool_timeout", &R::tool_timeout, "2h",
                      "config.rollback.tool_timeout")
            .duration("lock_timeout", &R::lock_timeout, "10s",
                      "config.rollback.lock_timeout");
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
