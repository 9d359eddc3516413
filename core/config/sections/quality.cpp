#include "core/config/schema.hpp"

namespace compuerta::core::config {

NodePtr section_quality() {
    return s::map({
        {"qa", s::map({
                   {"reports", s::list(s::str(), "config.quality.qa.reports"), false, ""},
                   {"min_tests", s::integer("config.quality.qa.min_tests"), false, ""},
                   {"max_failures", s::integer("config.quality.qa.max_failures"), false, ""},
                   {"max_errors", s::integer("config.quality.qa.max_errors"), false, ""},
                   {"skipped", s::choice({"pass", "warn", "fail"}, "config.quality.qa.skipped"), false, ""},
                   {"flaky", s::choice({"pass", "warn", "fail"}, "config.quality.qa.flaky"), false, ""},
                   {"pipeline", s::map({
                                    {"enabled", s::boolean("config.quality.qa.pipeline.enabled"), false, ""},
                                    {"api_url", s::url("config.quality.qa.pipeline.api_url"), false, ""},
                                    {"project", s::str("config.quality.qa.pipeline.project"), false, ""},
                                    {"ref", s::str("config.quality.qa.pipeline.ref"), false, ""},
                                    {"token_variable", s::str("config.quality.qa.pipeline.token_variable"), false, ""},
                                }),
                    false, ""},
               }),
         false, ""},
        {"defects", s::map({
                        {"max", s::integer("config.quality.defects.max"), false, ""},
                        {"min", s::integer("config.quality.defects.min"), false, ""},
                        {"timeout", s::duration("config.quality.defects.timeout"), false, ""},
                        {"gitlab", s::map({
                                       {"api_url", s::url("config.quality.qa.pipeline.api_url"), false, ""},
                                       {"project", s::str("config.quality.qa.pipeline.project"), false, ""},
                                       {"labels", s::list(s::str(), "config.quality.defects.gitlab.labels"), false, ""},
                                       {"milestone", s::str("config.quality.defects.gitlab.milestone"), false, ""},
                                       {"state", s::choice({"opened", "closed", "all"}, "config.quality.defects.gitlab.state"), false, ""},
                                       {"token_variable", s::str("config.quality.qa.pipeline.token_variable"), false, ""},
                                       {"page_size", s::integer("config.quality.defects.gitlab.page_size"), false, ""},
                                   }),
                         false, ""},
                        {"jira", s::map({
                                     {"url", s::url("config.quality.defects.jira.url"), false, ""},
                                     {"jql", s::str("config.quality.defects.jira.jql"), false, ""},
                                     {"token_variable", s::str("config.quality.defects.jira.token_variable"), false, ""},
                                     {"user_variable", s::str("config.quality.defects.jira.user_variable"), false, ""},
                                     {"page_size", s::integer("config.quality.defects.gitlab.page_size"), false, ""},
                                 }),
                         false, ""},
                    }),
         false, ""},
    });
}

NodePtr section_environment() {
    return s::map({
        {"name", s::str("config.environment.name"), false, ""},
        {"required_env", s::list(s::str(), "config.environment.required_env"), false, ""},
        {"timeout", s::duration("config.environment.timeout"), false, ""},
        {"postgres", s::map({
                         {"dsn", s::dsn("config.environment.postgres.dsn"), false, ""},
                         {"min_version", s::str("config.environment.postgres.min_version"), false, ""},
                         {"extensions", s::list(s::str(), "config.environment.postgres.extensions"), false, ""},
                         {"settings", s::map_of(s::str(), "config.environment.postgres.settings"), false, ""},
                     }),
         false, ""},
        {"certificates", s::list(s::map({
                                     {"name", s::str("config.environment.certificates.name"), false, ""},
                                     {"cert", s::str("config.environment.certificates.cert"), true, ""},
                                     {"key", s::str("config.environment.certificates.key"), false, ""},
                                     {"ca", s::str("config.environment.certificates.ca"), false, ""},
                                     {"warn_days", s::integer("config.environment.certificates.warn_days"), false, ""},
                                     {"fail_days", s::integer("config.environment.certificates.fail_days"), false, ""},
                                 })),
         false, "config.environment.certificates"},
        {"disk", s::list(s::map({
                             {"path", s::str("config.environment.disk.path"), true, ""},
                             {"min_free", s::str("config.environment.disk.min_free"), true, ""},
                         })),
         false, ""},
        {"tools", s::list(s::str(), "config.environment.tools"), false, ""},
        {"urls", s::list(s::map({
                             {"url", s::url("config.environment.urls.url"), true, ""},
                             {"expect_status", s::integer("config.environment.urls.expect_status"), false, ""},
                             {"ca_file", s::str("config.environment.urls.ca_file"), false, ""},
                             {"insecure", s::boolean("config.environment.urls.insecure"), false, ""},
                         })),
         false, "config.environment.urls"},
        {"commands", s::list(s::templ(), ""),
         false, "config.environment.commands"},
    });
}

} // namespace compuerta::core::config
