#include "plugin/gates/qa/pipeline_check.hpp"

#include "core/messages/catalog.hpp"
#include "core/secrets.hpp"
#include "plugin/gates/defects/defect.hpp"

#include <fmt/format.h>
#include <set>

namespace compuerta::plugin::gates {

namespace msg = core::msg;

PipelineCheck::PipelineCheck(core::CheckSpec spec, PipelineQuery query, std::shared_ptr<ApiClient> api)
    : core::Check(std::move(spec)), m_q(std::move(query)), m_api(std::move(api)) {}

core::Outcome PipelineCheck::run(const core::Deadline& deadline) {
    static const std::set<std::string> finished = {"success", "failed", "canceled", "skipped"};
    std::string base = fmt::format("{}/pipelines?sha={}&order_by=id&sort=desc&per_page=100",
                                   gitlab_project_url(m_q.api_url, m_q.project), query_escape(m_q.sha));
    if (!m_q.ref.empty()) base += "&ref=" + query_escape(m_q.ref);
    std::string url = base + "&page=1";
    for (int page = 0; !url.empty() && page < k_max_pages; ++page) {
        auto got = m_api->get_json(url, deadline);
        if (!got) return core::Outcome::make(core::Status::error, got.error().message);
        const auto& body = got->body;
        if (!body.is_array())
            return core::Outcome::make(core::Status::error, msg::tr("gates.qa.pipeline.not_list", {{"url", url}}));
        for (const auto& p : body) {
            if (!p.is_object() || !p.contains("id") || !p.contains("status") || !p["status"].is_string())
                return core::Outcome::make(core::Status::error, msg::tr("gates.qa.pipeline.malformed"));
            std::string id = p["id"].dump();
            std::string status = p["status"].get<std::string>();
            if (id == m_q.current_id || !finished.count(status)) continue;
            std::string web = p.contains("web_url") && p["web_url"].is_string() ? p["web_url"].get<std::string>() : "";
            core::Evidence ev = {{"pipeline", id}, {"status", status}, {"commit", m_q.sha}};
            if (!web.empty()) ev.emplace_back("url", web);
            if (status == "success")
                return core::Outcome::make(core::Status::pass,
                                           msg::tr("gates.qa.pipeline.succeeded", {{"id", id}, {"commit", m_q.sha}}),
                                           ev);
            return core::Outcome::make(
                core::Status::fail,
                msg::tr(web.empty() ? "gates.qa.pipeline.failed" : "gates.qa.pipeline.failed_url",
                        {{"commit", m_q.sha}, {"id", id}, {"status", status}, {"url", web}}),
                ev);
        }
        url = body.empty() ? std::string() : gitlab_next_page(got->response, base);
    }
    return core::Outcome::make(
        core::Status::fail,
        msg::tr(m_q.current_id.empty() ? "gates.qa.pipeline.none_no_current" : "gates.qa.pipeline.none",
                {{"commit", m_q.sha}, {"current", m_q.current_id}}),
        {{"commit", m_q.sha}});
}

} // namespace compuerta::plugin::gates
