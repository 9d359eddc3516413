#pragma once
// One open defect as the trackers report it, and the query sources.
#include "core/result.hpp"
#include "plugin/gates/api/api_client.hpp"

#include <string>
#include <vector>

namespace compuerta::plugin::gates {

struct Defect {
    std::string id;    // "#42" (GitLab iid), "MUSES-17" (Jira key)
    std::string title;
    std::string link;
};

// GitLab issues API: GET /projects/:id/issues?state=&labels=&milestone=.
struct GitlabQuery {
    std::string api_url; // ".../api/v4" (CI_API_V4_URL)
    std::string project; // id or "group/project"
    std::vector<std::string> labels;
    std::string milestone;
    std::string state = "opened";
    int page_size = 100;
};

// Jira REST search: GET /rest/api/2/search?jql=.
struct JiraQuery {
    std::string url; // "https://jira.example" (the site, without /rest)
    std::string jql;
    int page_size = 100;
};

constexpr int k_max_pages = 1000; // a runaway paginator stops here with an error

core::Result<std::vector<Defect>, ApiError> fetch_gitlab_issues(ApiClient& api, const GitlabQuery& q,
                                                               const core::Deadline& deadline);
core::Result<std::vector<Defect>, ApiError> fetch_jira_issues(ApiClient& api, const JiraQuery& q,
                                                             const core::Deadline& deadline);

// The next page's URL from GitLab's headers (X-Next-Page over `base`, else
// Link rel="next"); empty when this was the last page.
std::string gitlab_next_page(const core::HttpResponse& r, const std::string& base_url);
// "https://x/api/v4/projects/a%2Fb" for a project id or path.
std::string gitlab_project_url(const std::string& api_url, const std::string& project);

} // namespace compuerta::plugin::gates
