#include "smoke/smoke_command.hpp"

#include "core/errors.hpp"
#include "core/secrets.hpp"
#include "smoke/suite.hpp"

#include <fmt/format.h>

namespace compuerta::smoke {

namespace po = boost::program_options;

namespace {

void options(po::options_description& d) {
    d.add_options()
        ("dsn", po::value<std::string>()->value_name("DSN"), "database to check (overrides database.dsn; default: PG* variables)")
        ("only", po::value<std::vector<std::string>>()->value_name("ID|ITEM")->composing(), "run only this check id or plan item (repeatable, or comma-separated)")
        ("skip", po::value<std::vector<std::string>>()->value_name("ID|ITEM")->composing(), "skip this check id or plan item (repeatable, or comma-separated)")
        ("concurrency", po::value<int>()->value_name("N"), "checks run at once (default smoke.concurrency, else 8)")
        ("deadline", po::value<std::string>()->value_name("DURATION"), "whole-suite deadline, e.g. 2m (default smoke.deadline)")
        ("since", po::value<std::string>()->value_name("WHEN"), "window start of logs checks: RFC 3339 time, a duration back (30m), or deploy (default: each check's since, else the journal's deploy.start)");
}

int run(core::cli::Invocation& inv) {
    const auto& cfg = inv.config();
    auto pg = core::make_libpq_postgres();
    auto http = core::make_curl_http();
    std::optional<std::string> dsn = inv.arg<std::string>("dsn");
    if (dsn) core::register_dsn_secrets(*dsn, "--dsn");
    SuiteContext ctx{cfg, inv.env(), Ports{pg.get(), http.get()}, cfg.at("smoke.timeout").duration_or(core::Millis(10'000)), dsn};
    ctx.since = inv.arg<std::string>("since");
    ctx.journal_dir = inv.common().journal;
    if (inv.common().timeout) ctx.default_timeout = *inv.common().timeout;

    Selection sel;
    if (auto v = inv.arg<std::vector<std::string>>("only")) sel.only = *v;
    if (auto v = inv.arg<std::vector<std::string>>("skip")) sel.skip = *v;
    auto checks = build_suite(ctx, sel);
    // --timeout is always the per-check timeout: the flag beats each check's own `timeout:`.
    if (inv.common().timeout)
        for (auto& c : checks) c->spec().timeout = *inv.common().timeout;
    core::validate_dependencies(checks);

    core::RunnerOptions opt;
    opt.concurrency = static_cast<int>(cfg.at("smoke.concurrency").integer_or(8));
    if (auto c = inv.arg<int>("concurrency")) opt.concurrency = *c;
    if (opt.concurrency < 1) throw core::UsageError("--concurrency must be at least 1");
    opt.deadline = cfg.at("smoke.deadline").duration_opt();
    if (auto d = inv.arg<std::string>("deadline")) {
        auto parsed = core::config::parse_duration(*d);
        if (!parsed) throw core::UsageError(fmt::format("--deadline: expected a duration greater than zero such as 2m, got \"{}\"", *d));
        opt.deadline = *parsed;
    }
    return inv.run_checks("compuerta.smoke", checks, opt);
}

} // namespace

const core::cli::Command& smoke_command() {
    static const core::cli::Command cmd{
        "smoke",
        "Smoke-test the deployed system (plan step 6): database, RENAPO, transactions, logs.",
        "compuerta smoke [--dsn DSN] [--only ID|ITEM]... [--skip ID|ITEM]... [OPTIONS]",
        "Runs the checks of smoke.checks in compuerta.yml. With no checks configured (or no file),\n"
        "checks database connectivity (6.1) on --dsn, database.dsn or the PG* variables.\n"
        "A database or RENAPO that cannot be reached is a failure (exit 1). Check kinds: postgres (6.1),\n"
        "http and renapo (6.2), transaction (6.3), logs (6.4); see docs/smoke.md. A check whose\n"
        "depends_on did not pass is skipped. --only/--skip matching no check is a usage error (exit 2).\n"
        "With --until-pass the whole suite is re-run until one round passes (just-restarted services).",
        true,
        true,
        options,
        {},
        run,
    };
    return cmd;
}

} // namespace compuerta::smoke
