#include "plugin/gates/defects/defect.hpp"

#include "core/messages/catalog.hpp"

#include <fmt/format.h>

namespace compuerta::plugin::gates {

namespace msg = core::msg;

core::Result<std::vector<Defect>, ApiError> fetch_jira_issues(ApiClient& api, const JiraQuery& q,
                                                             const core::Deadline& deadline) {
    std::string site = q.url;
    while (!site.empty() && site.back() == '/') site.pop_back();
    std::vector<Defect> out;
    std::int64_t start = 0;
    for (int page = 0;; ++page) {
        if (page >= k_max_pages)
            return ApiError{ApiErrorKind::not_api, msg::trn("gates.defects.jira.too_many_pages", k_max_pages)};
        std::string url = fmt::format("{}/rest/api/2/search?jql={}&startAt={}&maxResults={}&fields=summary", site,
                                      query_escape(q.jql), start, q.page_size);
        auto got = api.get_json(url, deadline);
        if (!got) return got.error();
        const auto& body = got->body;
        if (!body.is_object() || !body.contains("issues") || !body["issues"].is_array() || !body.contains("total") ||
            !body["total"].is_number_integer())
            return unexpected_shape(url, "gates.defects.jira.not_search");
        const auto& issues = body["issues"];
        for (const auto& issue : issues) {
            if (!issue.is_object() || !issue.contains("key") || !issue["key"].is_string())
                return unexpected_shape(url, "gates.defects.jira.issue_without_key");
            Defect d;
            d.id = issue["key"].get<std::string>();
            if (issue.contains("fields") && issue["fields"].is_object() && issue["fields"].contains("summary") &&
                issue["fields"]["summary"].is_string())
                d.title = issue["fields"]["summary"].get<std::string>();
            d.link = fmt::format("{}/browse/{}", site, d.id);
            out.push_back(std::move(d));
        }
        auto total = body["total"].get<std::int64_t>();
        start += static_cast<std::int64_t>(issues.size());
        if (issues.empty() || start >= total) break;
    }
    return out;
}

} // namespace compuerta::plugin::gates
