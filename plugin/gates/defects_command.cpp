#include "plugin/gates/defects_command.hpp"

#include "core/cli/given_flags.hpp"
#include "core/config/sections/quality.hpp"
#include "core/errors.hpp"
#include "core/messages/catalog.hpp"
#include "core/ports/http.hpp"
#include "plugin/gates/api/auth.hpp"
#include "plugin/gates/common.hpp"
#include "plugin/gates/defects/defects_check.hpp"

#include <fmt/format.h>

namespace compuerta::plugin::gates {

namespace msg = core::msg;

namespace po = boost::program_options;

namespace {

void defects_options(po::options_description& d) {
    const auto& dd = core::config::quality_defects_decl();
    std::string state_default = core::config::quality_gitlab_decl().default_of("state");
    // clang-format off
    d.add_options()
        ("source", po::value<std::string>(), msg::tr("gates.defects.opt.source").c_str())
        ("gitlab-url", po::value<std::string>(), msg::tr("gates.defects.opt.gitlab_url").c_str())
        ("project", po::value<std::string>(), msg::tr("gates.defects.opt.project").c_str())
        ("label", po::value<std::vector<std::string>>()->composing(), msg::tr("gates.defects.opt.label").c_str())
        ("milestone", po::value<std::string>(), msg::tr("gates.defects.opt.milestone").c_str())
        ("state", po::value<std::string>(), msg::tr("gates.defects.opt.state", {{"default", state_default}}).c_str())
        ("jira-url", po::value<std::string>(), msg::tr("gates.defects.opt.jira_url").c_str())
        ("jql", po::value<std::string>(), msg::tr("gates.defects.opt.jql").c_str())
        ("token-variable", po::value<std::string>(), msg::tr("gates.defects.opt.token_variable").c_str())
        ("user-variable", po::value<std::string>(), msg::tr("gates.defects.opt.user_variable").c_str())
        ("min", po::value<long long>(), msg::tr("gates.defects.opt.min", {{"default", dd.default_of("min")}}).c_str())
        ("max", po::value<long long>(), msg::tr("gates.defects.opt.max", {{"default", dd.default_of("max")}}).c_str());
    // clang-format on
}

std::string describe_gitlab(const GitlabQuery& q) {
    std::string s = fmt::format("GitLab {}: state={}", q.project, q.state);
    if (!q.labels.empty()) {
        std::string l;
        for (const auto& x : q.labels)
            l += (l.empty() ? "" : ",") + x;
        s += ", labels=" + l;
    }
    if (!q.milestone.empty())
        s += ", milestone=" + q.milestone;
    return s;
}

int run_defects(core::cli::Invocation& inv) {
    const core::config::DefectsSettings dc = core::config::defects_settings(
        inv.config(), core::cli::given_flags(inv), {{"max", "max"}, {"min", "min"}});
    const auto& gc = dc.gitlab;
    const auto& jc = dc.jira;
    DefectLimits limits;
    limits.max = dc.max;
    limits.min = dc.min;
    if (limits.min < 0 || limits.max < limits.min)
        throw core::UsageError(msg::tr("gates.defects.min_max"));
    core::Millis timeout = inv.common().timeout.value_or(dc.timeout);
    std::string source = inv.arg<std::string>("source").value_or("");
    if (!source.empty() && source != "gitlab" && source != "jira")
        throw core::UsageError(msg::tr("gates.defects.source_invalid", {{"value", source}}));

    bool jira_flags = inv.has("jira-url") || inv.has("jql");
    bool gitlab_flags =
        inv.has("gitlab-url") || inv.has("project") || inv.has("label") || inv.has("milestone");
    bool want_jira = source == "jira" || (source.empty() && (jira_flags || jc.configured));
    bool want_gitlab =
        source == "gitlab" || (source.empty() && (gitlab_flags || gc.configured || !want_jira));

    auto http = inv.adapters().http();
    std::vector<std::shared_ptr<core::Check>> checks;
    std::string token_var = inv.arg<std::string>("token-variable").value_or("");
    if (want_gitlab) {
        GitlabQuery q;
        q.api_url =
            first_of(inv.arg<std::string>("gitlab-url"), gc.api_url, inv.env(), "CI_API_V4_URL");
        q.project =
            first_of(inv.arg<std::string>("project"), gc.project, inv.env(), "CI_PROJECT_ID");
        if (auto l = inv.arg<std::vector<std::string>>("label"))
            q.labels = *l;
        else
            q.labels = gc.labels.strings();
        q.milestone = first_of(inv.arg<std::string>("milestone"), gc.milestone, inv.env(), "");
        q.state = inv.arg<std::string>("state").value_or(gc.state);
        if (q.state != "opened" && q.state != "closed" && q.state != "all")
            throw core::UsageError(msg::tr("gates.defects.state_invalid", {{"value", q.state}}));
        q.page_size = static_cast<int>(gc.page_size);
        if (q.api_url.empty() || q.project.empty())
            throw core::UsageError(msg::tr("gates.defects.gitlab_needs"));
        auto api = std::make_shared<ApiClient>(
            *http, "GitLab",
            gitlab_auth(inv.env(), token_var.empty() ? gc.token_variable.str_or("") : token_var));
        std::string desc = describe_gitlab(q);
        checks.push_back(std::make_shared<DefectsCheck>(
            make_spec("defects-gitlab", "3.2", msg::tr("gates.defects.check.gitlab"),
                      "gate.defects", timeout),
            desc, limits,
            [api, q](const core::Deadline& dl) { return fetch_gitlab_issues(*api, q, dl); }));
    }
    if (want_jira) {
        JiraQuery q;
        q.url = first_of(inv.arg<std::string>("jira-url"), jc.url, inv.env(), "JIRA_URL");
        q.jql = first_of(inv.arg<std::string>("jql"), jc.jql, inv.env(), "");
        q.page_size = static_cast<int>(jc.page_size);
        if (q.url.empty() || q.jql.empty())
            throw core::UsageError(msg::tr("gates.defects.jira_needs"));
        std::string tv = token_var.empty() ? jc.token_variable.str_or("") : token_var;
        std::string uv =
            inv.arg<std::string>("user-variable").value_or(jc.user_variable.str_or(""));
        auto api = std::make_shared<ApiClient>(*http, "Jira", jira_auth(inv.env(), tv, uv));
        checks.push_back(std::make_shared<DefectsCheck>(
            make_spec("defects-jira", "3.2", msg::tr("gates.defects.check.jira"), "gate.defects",
                      timeout),
            "Jira: " + q.jql, limits,
            [api, q](const core::Deadline& dl) { return fetch_jira_issues(*api, q, dl); }));
    }
    return inv.run_checks("compuerta.gate.defects", checks, {});
}

} // namespace

const core::cli::Command& gate_defects_command() {
    static const core::cli::Command cmd{
        "gate defects",
        "gates.defects.summary",
        "compuerta gate defects [--label L]... [--milestone M] | --jira-url URL --jql JQL [--max "
        "N] [OPTIONS]",
        "gates.defects.description",
        true,
        true,
        defects_options,
        {},
        run_defects,
    };
    return cmd;
}

} // namespace compuerta::plugin::gates
