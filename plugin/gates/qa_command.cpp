#include "plugin/gates/qa_command.hpp"

#include "core/cli/given_flags.hpp"
#include "core/config/sections/quality.hpp"
#include "core/errors.hpp"
#include "core/messages/catalog.hpp"
#include "core/ports/http.hpp"
#include "plugin/gates/api/auth.hpp"
#include "plugin/gates/common.hpp"
#include "plugin/gates/qa/pipeline_check.hpp"
#include "plugin/gates/qa/qa_check.hpp"

#include <fmt/format.h>

namespace compuerta::plugin::gates {

namespace msg = core::msg;

namespace po = boost::program_options;

namespace {

void qa_options(po::options_description& d) {
    const auto& qa = core::config::quality_qa_decl();
    auto with_default = [&qa](const char* id, const char* key) {
        return msg::tr(id, {{"default", qa.default_of(key)}});
    };
    // clang-format off
    d.add_options()
        ("reports", po::value<std::vector<std::string>>()->composing(), msg::tr("gates.qa.opt.reports").c_str())
        ("min-tests", po::value<long long>(), with_default("gates.qa.opt.min_tests", "min_tests").c_str())
        ("max-failures", po::value<long long>(), with_default("gates.qa.opt.max_failures", "max_failures").c_str())
        ("max-errors", po::value<long long>(), with_default("gates.qa.opt.max_errors", "max_errors").c_str())
        ("skipped", po::value<std::string>(), with_default("gates.qa.opt.skipped", "skipped").c_str())
        ("flaky", po::value<std::string>(), with_default("gates.qa.opt.flaky", "flaky").c_str())
        ("pipeline", msg::tr("gates.qa.opt.pipeline").c_str())
        ("gitlab-url", po::value<std::string>(), msg::tr("gates.qa.opt.gitlab_url").c_str())
        ("project", po::value<std::string>(), msg::tr("gates.qa.opt.project").c_str())
        ("commit", po::value<std::string>(), msg::tr("gates.qa.opt.commit").c_str())
        ("token-variable", po::value<std::string>(), msg::tr("gates.qa.opt.token_variable").c_str());
    // clang-format on
}

int run_qa(core::cli::Invocation& inv) {
    const core::config::QaSettings qa =
        core::config::qa_settings(inv.config(), core::cli::given_flags(inv),
                                  {{"reports", "reports"},
                                   {"min-tests", "min_tests"},
                                   {"max-failures", "max_failures"},
                                   {"max-errors", "max_errors"},
                                   {"skipped", "skipped"},
                                   {"flaky", "flaky"}});
    QaOptions o;
    o.globs = qa.reports.strings();
    if (o.globs.empty())
        throw core::UsageError(msg::tr("gates.qa.no_reports"));
    o.policy.min_tests = qa.min_tests;
    o.policy.max_failures = qa.max_failures;
    o.policy.max_errors = qa.max_errors;
    if (o.policy.min_tests < 0 || o.policy.max_failures < 0 || o.policy.max_errors < 0)
        throw core::UsageError(msg::tr("gates.qa.negative_limits"));
    o.policy.skipped = policy_status(qa.skipped, "--skipped");
    o.policy.flaky = policy_status(qa.flaky, "--flaky");
    o.progress = [&inv](const std::string& line) { inv.info(line); };
    core::Millis timeout = inv.common().timeout.value_or(core::Millis(300'000));

    std::vector<std::shared_ptr<core::Check>> checks;
    checks.push_back(std::make_shared<QaReportsCheck>(
        make_spec("qa-reports", "3.1", msg::tr("gates.qa.check.reports"), "gate.qa", timeout),
        std::move(o)));

    std::unique_ptr<core::Http> http;
    if (inv.has("pipeline") || qa.pipeline_enabled) {
        PipelineQuery q;
        q.api_url = first_of(inv.arg<std::string>("gitlab-url"), qa.pipeline_api_url, inv.env(),
                             "CI_API_V4_URL");
        q.project = first_of(inv.arg<std::string>("project"), qa.pipeline_project, inv.env(),
                             "CI_PROJECT_ID");
        q.sha = first_of(inv.arg<std::string>("commit"), core::config::Deferred(), inv.env(),
                         "CI_COMMIT_SHA");
        q.ref = qa.pipeline_ref.str_or("");
        q.current_id = inv.env().get_or("CI_PIPELINE_ID", "");
        if (q.api_url.empty() || q.project.empty() || q.sha.empty())
            throw core::UsageError(msg::tr("gates.qa.pipeline_needs"));
        std::string var =
            inv.arg<std::string>("token-variable").value_or(qa.pipeline_token_variable.str_or(""));
        http = inv.adapters().http();
        auto api = std::make_shared<ApiClient>(*http, "GitLab", gitlab_auth(inv.env(), var));
        checks.push_back(std::make_shared<PipelineCheck>(
            make_spec("qa-pipeline", "3.1", msg::tr("gates.qa.check.pipeline"), "gate.qa",
                      inv.common().timeout.value_or(core::Millis(30'000))),
            std::move(q), std::move(api)));
    }
    return inv.run_checks("compuerta.gate.qa", checks, {});
}

} // namespace

const core::cli::Command& gate_qa_command() {
    static const core::cli::Command cmd{
        "gate qa",
        "gates.qa.summary",
        "compuerta gate qa --reports GLOB... [--min-tests N] [--pipeline] [OPTIONS]",
        "gates.qa.description",
        true,
        true,
        qa_options,
        {},
        run_qa,
    };
    return cmd;
}

} // namespace compuerta::plugin::gates
