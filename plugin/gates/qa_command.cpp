#include "plugin/gates/qa_command.hpp"

#include "core/errors.hpp"
#include "core/ports/http.hpp"
#include "plugin/gates/api/auth.hpp"
#include "plugin/gates/common.hpp"
#include "plugin/gates/qa/pipeline_check.hpp"
#include "plugin/gates/qa/qa_check.hpp"

#include <fmt/format.h>

namespace compuerta::plugin::gates {

namespace po = boost::program_options;

namespace {

void options(po::options_description& d) {
    d.add_options()
        ("reports", po::value<std::vector<std::string>>()->composing(),
         "glob of JUnit reports, ** for any directories (repeatable; default quality.qa.reports)")
        ("min-tests", po::value<long long>(), "fewest test cases accepted (default 1; 0 accepts an empty run)")
        ("max-failures", po::value<long long>(), "most failed tests accepted (default 0)")
        ("max-errors", po::value<long long>(), "most tests in error accepted (default 0)")
        ("skipped", po::value<std::string>(), "status when tests were skipped: pass|warn|fail (default warn)")
        ("flaky", po::value<std::string>(), "status when tests passed only on rerun: pass|warn|fail (default warn)")
        ("pipeline", "also check that the commit's newest finished GitLab pipeline (not this one) succeeded")
        ("gitlab-url", po::value<std::string>(), "GitLab API URL (default quality.qa.pipeline.api_url, CI_API_V4_URL)")
        ("project", po::value<std::string>(), "GitLab project id or path (default CI_PROJECT_ID)")
        ("commit", po::value<std::string>(), "the tagged commit (default CI_COMMIT_SHA)")
        ("token-variable", po::value<std::string>(), "variable holding the GitLab token (default GITLAB_TOKEN, then CI_JOB_TOKEN)");
}

std::int64_t number(core::cli::Invocation& inv, const std::string& flag, const core::config::Value& v,
                    std::int64_t fallback) {
    if (auto f = inv.arg<long long>(flag)) return *f;
    return v.integer_or(fallback);
}

int run(core::cli::Invocation& inv) {
    const auto& cfg = inv.config();
    auto qa = cfg["quality"]["qa"];
    QaOptions o;
    if (auto g = inv.arg<std::vector<std::string>>("reports")) o.globs = *g;
    else o.globs = qa["reports"].strings();
    if (o.globs.empty())
        throw core::UsageError("no JUnit reports to read: pass --reports GLOB or set quality.qa.reports");
    o.policy.min_tests = number(inv, "min-tests", qa["min_tests"], 1);
    o.policy.max_failures = number(inv, "max-failures", qa["max_failures"], 0);
    o.policy.max_errors = number(inv, "max-errors", qa["max_errors"], 0);
    if (o.policy.min_tests < 0 || o.policy.max_failures < 0 || o.policy.max_errors < 0)
        throw core::UsageError("--min-tests, --max-failures and --max-errors cannot be negative");
    o.policy.skipped = policy_status(inv.arg<std::string>("skipped").value_or(qa["skipped"].str_or("warn")), "--skipped");
    o.policy.flaky = policy_status(inv.arg<std::string>("flaky").value_or(qa["flaky"].str_or("warn")), "--flaky");
    o.progress = [&inv](const std::string& line) { inv.info(line); };
    core::Millis timeout = inv.common().timeout.value_or(core::Millis(300'000));

    std::vector<std::shared_ptr<core::Check>> checks;
    checks.push_back(std::make_shared<QaReportsCheck>(
        make_spec("qa-reports", "3.1", "Pruebas de QA aprobadas", "gate.qa", timeout), std::move(o)));

    auto pl = qa["pipeline"];
    std::unique_ptr<core::Http> http;
    if (inv.has("pipeline") || pl["enabled"].boolean_or(false)) {
        PipelineQuery q;
        q.api_url = first_of(inv.arg<std::string>("gitlab-url"), pl["api_url"], inv.env(), "CI_API_V4_URL");
        q.project = first_of(inv.arg<std::string>("project"), pl["project"], inv.env(), "CI_PROJECT_ID");
        q.sha = first_of(inv.arg<std::string>("commit"), core::config::Value(), inv.env(), "CI_COMMIT_SHA");
        q.ref = pl["ref"].str_or("");
        q.current_id = inv.env().get_or("CI_PIPELINE_ID", "");
        if (q.api_url.empty() || q.project.empty() || q.sha.empty())
            throw core::UsageError("the pipeline check needs the GitLab API URL (--gitlab-url or CI_API_V4_URL), the "
                                   "project (--project or CI_PROJECT_ID) and the commit (--commit or CI_COMMIT_SHA)");
        std::string var = inv.arg<std::string>("token-variable").value_or(pl["token_variable"].str_or(""));
        http = core::make_curl_http();
        auto api = std::make_shared<ApiClient>(*http, "GitLab", gitlab_auth(inv.env(), var));
        checks.push_back(std::make_shared<PipelineCheck>(
            make_spec("qa-pipeline", "3.1", "Pipeline de QA del commit etiquetado", "gate.qa",
                      inv.common().timeout.value_or(core::Millis(30'000))),
            std::move(q), std::move(api)));
    }
    return inv.run_checks("compuerta.gate.qa", checks, {});
}

} // namespace

const core::cli::Command& gate_qa_command() {
    static const core::cli::Command cmd{
        "gate qa",
        "Gate 3.1: the release passed QA (JUnit reports, optionally the GitLab pipeline).",
        "compuerta gate qa --reports GLOB... [--min-tests N] [--pipeline] [OPTIONS]",
        "Reads the QA stage's JUnit reports as a stream (any size), as pytest, Maven Surefire\n"
        "(flakyFailure/rerunFailure), GoogleTest, Jest, go-junit-report and PHPUnit write them,\n"
        "totals tests, failures, errors, skips and tests that passed only on rerun, and names the\n"
        "failed tests. Defaults: no failure or error accepted, at least 1 test, skipped and\n"
        "rerun-passed tests warn. A glob that matches nothing, an empty file, malformed XML or XML\n"
        "that is not JUnit fails the gate (exit 1) naming the glob or file.\n"
        "With --pipeline, also asks GitLab whether the newest finished pipeline of the commit,\n"
        "other than this one (CI_PIPELINE_ID), succeeded; an API that cannot be asked is exit 3.\n"
        "Works from flags alone; quality.qa in compuerta.yml sets the same policy.",
        true,
        true,
        options,
        {},
        run,
    };
    return cmd;
}

} // namespace compuerta::plugin::gates
