#include "plugin/gates/defects/defect.hpp"

#include "core/messages/catalog.hpp"

#include <fmt/format.h>

namespace compuerta::plugin::gates {

namespace msg = core::msg;

namespace {

std::string trim_slash(std::string s) {
    while (!s.empty() && s.back() == '/') s.pop_back();
    return s;
}

// The URL inside <...> of the Link entry whose rel is "next".
std::string link_next(const std::string& link) {
    std::size_t pos = 0;
    while (pos < link.size()) {
        auto lt = link.find('<', pos);
        auto gt = link.find('>', lt == std::string::npos ? pos : lt);
        if (lt == std::string::npos || gt == std::string::npos) break;
        auto comma = link.find(',', gt);
        std::string params = link.substr(gt + 1, comma == std::string::npos ? std::string::npos : comma - gt - 1);
        if (params.find("rel=\"next\"") != std::string::npos || params.find("rel=next") != std::string::npos)
            return link.substr(lt + 1, gt - lt - 1);
        if (comma == std::string::npos) break;
        pos = comma + 1;
    }
    return {};
}

// `id` names what is wrong in the answer (a catalog id of gates.defects.gitlab.*).

} // namespace

std::string gitlab_project_url(const std::string& api_url, const std::string& project) {
    return fmt::format("{}/projects/{}", trim_slash(api_url), query_escape(project));
}

std::string gitlab_next_page(const core::HttpResponse& r, const std::string& base_url) {
    if (auto next = r.header("x-next-page"); next && !next->empty())
        return fmt::format("{}&page={}", base_url, query_escape(*next));
    if (auto link = r.header("link"); link) return link_next(*link);
    return {};
}

core::Result<std::vector<Defect>, ApiError> fetch_gitlab_issues(ApiClient& api, const GitlabQuery& q,
                                                               const core::Deadline& deadline) {
    std::string base = fmt::format("{}/issues?scope=all&per_page={}", gitlab_project_url(q.api_url, q.project),
                                   q.page_size);
    if (!q.state.empty() && q.state != "all") base += "&state=" + query_escape(q.state);
    if (!q.labels.empty()) {
        std::string joined;
        for (const auto& l : q.labels) joined += (joined.empty() ? "" : ",") + l;
        base += "&labels=" + query_escape(joined);
    }
    if (!q.milestone.empty()) base += "&milestone=" + query_escape(q.milestone);
    std::vector<Defect> out;
    std::string url = base + "&page=1";
    for (int page = 0; !url.empty(); ++page) {
        if (page >= k_max_pages)
            return ApiError{ApiErrorKind::not_api,
                            msg::trn("gates.defects.gitlab.too_many_pages", k_max_pages)};
        auto got = api.get_json(url, deadline);
        if (!got) return got.error();
        const auto& body = got->body;
        if (!body.is_array()) return unexpected_shape(url, "gates.defects.gitlab.not_issues_list");
        for (const auto& issue : body) {
            if (!issue.is_object() || !issue.contains("iid") || !issue.contains("title"))
                return unexpected_shape(url, "gates.defects.gitlab.issue_without_iid");
            Defect d;
            d.id = "#" + issue["iid"].dump();
            d.title = issue["title"].is_string() ? issue["title"].get<std::string>() : issue["title"].dump();
            if (issue.contains("web_url") && issue["web_url"].is_string()) d.link = issue["web_url"].get<std::string>();
            out.push_back(std::move(d));
        }
        url = body.empty() ? std::string() : gitlab_next_page(got->response, base);
    }
    return out;
}

} // namespace compuerta::plugin::gates
