#include "core/config/sections/quality.hpp"

namespace compuerta::core::config {

namespace {

const std::vector<std::string> policies = {"pass", "warn", "fail"};

} // namespace

const SectionDecl<QaSettings>& quality_qa_decl() {
    static const SectionDecl<QaSettings> decl = [] {
        using Q = QaSettings;
        SectionDecl<Q> d("");
        deferred(d, "reports", &Q::reports, s::list(s::str(), "config.quality.qa.reports"));
        d.integer("min_tests", &Q::min_tests, 1, "config.quality.qa.min_tests")
            .integer("max_failures", &Q::max_failures, 0, "config.quality.qa.max_failures")
            .integer("max_errors", &Q::max_errors, 0, "config.quality.qa.max_errors")
            .choice("skipped", &Q::skipped, policies, "warn", "config.quality.qa.skipped")
            .choice("flaky", &Q::flaky, policies, "warn", "config.quality.qa.flaky")
            .boolean("pipeline.enabled", &Q::pipeline_enabled, false,
                     "config.quality.qa.pipeline.enabled");
        deferred(d, "pipeline.api_url", &Q::pipeline_api_url,
                 s::url("config.quality.qa.pipeline.api_url"));
        deferred(d, "pipeline.project", &Q::pipeline_project,
                 s::str("config.quality.qa.pipeline.project"));
        deferred(d, "pipeline.ref", &Q::pipeline_ref, s::str("config.quality.qa.pipeline.ref"));
        deferred(d, "pipeline.token_variable", &Q::pipeline_token_variable,
                 s::str("config.quality.qa.pipeline.token_variable"));
        return d;
    }();
    return decl;
}

const SectionDecl<DefectsGitlab>& quality_gitlab_decl() {
    static const SectionDecl<DefectsGitlab> decl = [] {
        using G = DefectsGitlab;
        SectionDecl<G> d("");
        deferred(d, "api_url", &G::api_url, s::url("config.quality.qa.pipeline.api_url"));
        deferred(d, "project", &G::project, s::str("config.quality.qa.pipeline.project"));
        deferred(d, "labels", &G::labels,
                 s::list(s::str(), "config.quality.defects.gitlab.labels"));
        deferred(d, "milestone", &G::milestone, s::str("config.quality.defects.gitlab.milestone"));
        d.choice("state", &G::state, {"opened", "closed", "all"}, "opened",
                 "config.quality.defects.gitlab.state");
        deferred(d, "token_variable", &G::token_variable,
                 s::str("config.quality.qa.pipeline.token_variable"));
        d.integer("page_size", &G::page_size, 100, "config.quality.defects.gitlab.page_size");
        return d;
    }();
    return decl;
}

const SectionDecl<DefectsJira>& quality_jira_decl() {
    static const SectionDecl<DefectsJira> decl = [] {
        using J = DefectsJira;
        SectionDecl<J> d("");
        deferred(d, "url", &J::url, s::url("config.quality.defects.jira.url"));
        deferred(d, "jql", &J::jql, s::str("config.quality.defects.jira.jql"));
        deferred(d, "token_variable", &J::token_variable,
                 s::str("config.quality.defects.jira.token_variable"));
        deferred(d, "user_variable", &J::user_variable,
                 s::str("config.quality.defects.jira.user_variable"));
        d.integer("page_size", &J::page_size, 100, "config.quality.defects.gitlab.page_size");
        return d;
    }();
    return decl;
}

const SectionDecl<DefectsSettings>& quality_defects_decl() {
    static const SectionDecl<DefectsSettings> decl = [] {
        using D = DefectsSettings;
        SectionDecl<D> d("");
        d.integer("max", &D::max, 0, "config.quality.defects.max")
            .integer("min", &D::min, 0, "config.quality.defects.min")
            .duration("timeout", &D::timeout, "30s", "config.quality.defects.timeout")
            .custom("gitlab", quality_gitlab_decl().schema(),
                    [](D& out, const Value& v) {
                        out.gitlab = quality_gitlab_decl().read(v);
                        out.gitlab.configured = v.present();
                    })
            .custom("jira", quality_jira_decl().schema(), [](D& out, const Value& v) {
                out.jira = quality_jira_decl().read(v);
                out.jira.configured = v.present();
            });
        return d;
    }();
    return decl;
}

const SectionDecl<QualitySection>& quality_decl() {
    static const SectionDecl<QualitySection> decl = [] {
        using Q = QualitySection;
        SectionDecl<Q> d("quality");
        d.custom("qa", quality_qa_decl().schema(),
                 [](Q& out, const Value& v) { out.qa = quality_qa_decl().read(v); });
        d.custom("defects", quality_defects_decl().schema(),
                 [](Q& out, const Value& v) { out.defects = quality_defects_decl().read(v); });
        return d;
    }();
    return decl;
}

QaSettings qa_settings(const Config& cfg, const GivenFlags& given,
                       const std::vector<FlagBinding>& bindings) {
    return quality_qa_decl().read(cfg[quality_decl().name()]["qa"], given, bindings);
}

DefectsSettings defects_settings(const Config& cfg, const GivenFlags& given,
                                 const std::vector<FlagBinding>& bindings) {
    return quality_defects_decl().read(cfg[quality_decl().name()]["defects"], given, bindings);
}

NodePtr section_quality() {
    return quality_decl().schema();
}

} // namespace compuerta::core::config
