#include "core/config/schema.hpp"

namespace compuerta::core::config {

NodePtr section_quality() {
    return s::map({
        {"qa", s::map({
                   {"reports", s::list(s::str(), "Globs of the QA stage's JUnit reports."), false, ""},
                   {"min_tests", s::integer("Fewest test cases accepted (default 1)."), false, ""},
                   {"max_failures", s::integer("Most failed tests accepted (default 0)."), false, ""},
                   {"max_errors", s::integer("Most tests in error accepted (default 0)."), false, ""},
                   {"skipped", s::choice({"pass", "warn", "fail"}, "Status when tests were skipped (default warn)."), false, ""},
                   {"flaky", s::choice({"pass", "warn", "fail"}, "Status when tests passed only on rerun (default warn)."), false, ""},
                   {"pipeline", s::map({
                                    {"enabled", s::boolean("Also check the commit's newest finished GitLab pipeline."), false, ""},
                                    {"api_url", s::url("GitLab API URL (default CI_API_V4_URL)."), false, ""},
                                    {"project", s::str("Project id or path (default CI_PROJECT_ID)."), false, ""},
                                    {"ref", s::str("Only pipelines of this ref."), false, ""},
                                    {"token_variable", s::str("Variable holding the token (default GITLAB_TOKEN, then CI_JOB_TOKEN)."), false, ""},
                                }),
                    false, ""},
               }),
         false, ""},
        {"defects", s::map({
                        {"max", s::integer("Most open critical defects accepted (default 0)."), false, ""},
                        {"min", s::integer("Fewest accepted (default 0)."), false, ""},
                        {"timeout", s::duration("Per-query timeout (default 30s)."), false, ""},
                        {"gitlab", s::map({
                                       {"api_url", s::url("GitLab API URL (default CI_API_V4_URL)."), false, ""},
                                       {"project", s::str("Project id or path (default CI_PROJECT_ID)."), false, ""},
                                       {"labels", s::list(s::str(), "Labels every defect carries (AND)."), false, ""},
                                       {"milestone", s::str("Milestone title."), false, ""},
                                       {"state", s::choice({"opened", "closed", "all"}, "Issue state (default opened)."), false, ""},
                                       {"token_variable", s::str("Variable holding the token (default GITLAB_TOKEN, then CI_JOB_TOKEN)."), false, ""},
                                       {"page_size", s::integer("Issues per page (default 100)."), false, ""},
                                   }),
                         false, ""},
                        {"jira", s::map({
                                     {"url", s::url("Jira site URL, without /rest."), false, ""},
                                     {"jql", s::str("JQL of the defects that block the release."), false, ""},
                                     {"token_variable", s::str("Variable holding the API token (default JIRA_TOKEN)."), false, ""},
                                     {"user_variable", s::str("Variable holding the user for basic auth (default JIRA_USER)."), false, ""},
                                     {"page_size", s::integer("Issues per page (default 100)."), false, ""},
                                 }),
                         false, ""},
                    }),
         false, ""},
    });
}

NodePtr section_environment() {
    return s::map({
        {"name", s::str("Environment name, e.g. produccion."), false, ""},
        {"required_env", s::list(s::str(), "Variables that must be set and non-empty."), false, ""},
        {"timeout", s::duration("Per-check timeout of gate env (default 10s)."), false, ""},
        {"postgres", s::map({
                         {"dsn", s::dsn("Production database (default database.dsn, then PG* variables)."), false, ""},
                         {"min_version", s::str("Lowest server version accepted, e.g. \"15\" or \"15.4\"."), false, ""},
                         {"extensions", s::list(s::str(), "Extensions that must be installed."), false, ""},
                         {"settings", s::map_of(s::str(), "Settings and expected values (\"on\", \">= 100\", \"<= 2GB\")."), false, ""},
                     }),
         false, ""},
        {"certificates", s::list(s::map({
                                     {"name", s::str("Name shown in reports."), false, ""},
                                     {"cert", s::str("PEM certificate file."), true, ""},
                                     {"key", s::str("PEM private key file (checked to match)."), false, ""},
                                     {"ca", s::str("PEM CA bundle the certificate must verify against."), false, ""},
                                     {"warn_days", s::integer("Warn when expiring within this many days (default 30)."), false, ""},
                                     {"fail_days", s::integer("Fail when expiring within this many days (default 7)."), false, ""},
                                 })),
         false, "Client certificates (mTLS) and their CA."},
        {"disk", s::list(s::map({
                             {"path", s::str("Directory, e.g. where backups go."), true, ""},
                             {"min_free", s::str("Free space required, e.g. 20GB."), true, ""},
                         })),
         false, ""},
        {"tools", s::list(s::str(), "Programs the deploy needs on PATH."), false, ""},
        {"urls", s::list(s::map({
                             {"url", s::url("URL of the deploy target to probe."), true, ""},
                             {"expect_status", s::integer("Expected HTTP status (default any 2xx/3xx)."), false, ""},
                             {"ca_file", s::str("CA bundle for its TLS certificate."), false, ""},
                             {"insecure", s::boolean("Skip TLS verification (shows as warn)."), false, ""},
                         })),
         false, "Deploy target URLs that must answer."},
        {"commands", s::list(s::templ("Shell command that must exit 0 (e.g. ssh deploy@app test -w /opt/muses)."), ""),
         false, "Probe commands run on the deploy host."},
    });
}

} // namespace compuerta::core::config
