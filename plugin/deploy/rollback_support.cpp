#include "plugin/deploy/rollback_support.hpp"

#include "core/cli/given_flags.hpp"
#include "core/config/sections/database.hpp"
#include "core/config/sections/deploy.hpp"
#include "core/errors.hpp"
#include "core/events.hpp"
#include "core/fs.hpp"
#include "core/messages/catalog.hpp"
#include "core/report/json.hpp"
#include "core/report/junit.hpp"
#include "core/report/terminal.hpp"
#include "core/runner.hpp"
#include "core/secrets.hpp"
#include "core/util/text.hpp"
#include "plugin/deploy/smoke_results.hpp"

#include <filesystem>
#include <fmt/format.h>
#include <iostream>

namespace compuerta::plugin::deploy {

namespace msg = core::msg;

namespace {

std::string explicit_run(const core::cli::Invocation& inv) {
    if (auto r = inv.arg<std::string>("run"))
        return *r;
    return core::RunIdentity::explicit_run(inv.env());
}

} // namespace

RollbackContext load_context(core::cli::Invocation& inv) {
    const auto& cfg = inv.config();
    RollbackContext ctx;
    ctx.journal_dir = core::Journal::resolve_dir(inv.common().journal, inv.env()).string();
    const auto& read = inv.history();
    for (const auto& p : read.problems)
        inv.warn(p);
    // Our own journal file exists already (empty): ignore it when picking the run.
    ctx.run = pick_run(read.events, explicit_run(inv));
    ctx.state = summarize(read.events, ctx.run);
    ctx.environment =
        core::config::deploy_decl().read(cfg).environment.value_or(inv.identity().environment);
    if (ctx.environment.empty())
        ctx.environment = "production";
    if (auto d = inv.arg<std::string>("dsn")) {
        core::register_dsn_secrets(*d, "--dsn");
        ctx.dsn = *d;
        ctx.dsn_args = {"--dsn", *d};
    } else if (auto conf = core::config::configured_dsn(cfg); conf.present()) {
        if (conf.usable())
            ctx.dsn = conf.str();
    } else if (inv.env().get("PGDATABASE") || inv.env().get("PGHOST")) {
        ctx.dsn = std::string();
    }
    ctx.settings = core::config::rollback_decl().read(
        cfg, core::cli::given_flags(inv),
        {{"postmortem", "postmortem"}, {"smoke-junit", "smoke_junit"}});
    ctx.postmortem = ctx.settings.postmortem;
    return ctx;
}

std::vector<SmokeFinding> read_findings(core::cli::Invocation& inv, const RollbackContext& ctx) {
    std::vector<SmokeFinding> out;
    for (const auto& f : ctx.settings.smoke_junit) {
        auto r = read_junit_findings(f);
        if (!r) {
            inv.warn(msg::tr("rollback.findings.unreadable", {{"error", r.error().message}}));
            continue;
        }
        out.insert(out.end(), r->begin(), r->end());
    }
    if (out.empty())
        out = ctx.state.smoke;
    return out;
}

core::CheckResult decision_result(core::Status status, const std::string& message) {
    core::CheckResult r;
    r.id = "decision";
    r.item = "R1";
    r.name = msg::tr("rollback.name.decision");
    r.classname = "rollback.decision";
    r.status = status;
    r.message = message;
    r.started = std::chrono::system_clock::now();
    return r;
}

void journal_decision(core::cli::Invocation& inv, const Decision& d) {
    inv.journal().append(core::events::make(core::events::RollbackDecision{d.reasons},
                                            std::string(to_string(d.verdict)),
                                            core::util::join(d.reasons, "; ")));
}

void journal_done(core::cli::Invocation& inv, int exit_code) {
    inv.journal().append(core::events::make(
        core::events::RollbackDone{exit_code, {}}, exit_code == core::k_exit_ok ? "ok" : "fail",
        msg::tr(exit_code == core::k_exit_ok ? "rollback.done.ok" : "rollback.done.incomplete")));
}

int finish_report(core::cli::Invocation& inv, core::report::Suite& suite, int code) {
    suite.duration = std::chrono::duration_cast<core::Millis>(inv.clock().now() - suite.started);
    core::report::TerminalStyle style{inv.common().color, inv.common().verbosity};
    for (const auto& r : suite.results)
        core::report::print_result(inv.out(), r, style);
    const auto& c = inv.common();
    if (c.junit) {
        std::string xml = core::report::render_junit({suite}, c.junit_strict);
        if (*c.junit == "-")
            std::cout << xml;
        else
            core::write_file_atomic(*c.junit, xml);
    }
    if (c.json) {
        std::string js = core::report::render_json({suite}, code);
        if (*c.json == "-")
            std::cout << js;
        else
            core::write_file_atomic(*c.json, js);
    }
    core::report::print_summary(inv.out(), suite, code, style);
    return code;
}

int stop_before_change(core::cli::Invocation& inv, core::report::Suite& suite,
                       const std::vector<std::string>& problems) {
    inv.journal().append(core::events::make(
        core::events::RollbackDone{core::k_exit_cannot_evaluate, problems}, "fail",
        msg::tr("rollback.done.stopped", {{"problems", core::util::join(problems, "; ")}})));
    for (const auto& p : problems) {
        inv.warn(msg::tr("rollback.cannot", {{"problem", p}}));
        core::CheckResult r = decision_result(
            core::Status::error, msg::tr("rollback.stopped_before_change", {{"problem", p}}));
        r.id = "precondition-" + std::to_string(suite.results.size());
        suite.results.push_back(r);
    }
    return finish_report(inv, suite, core::k_exit_cannot_evaluate);
}

ProcessStepsOptions step_options(core::cli::Invocation& inv, const RollbackContext& ctx) {
    ProcessStepsOptions o;
    o.exec_path = inv.env().get("COMPUERTA_EXEC_PATH");
    if (o.exec_path && o.exec_path->empty())
        o.exec_path.reset();
    if (inv.common().config)
        o.common_args = {"-c", *inv.common().config};
    o.common_args.push_back("--journal");
    o.common_args.push_back(ctx.journal_dir);
    o.env["COMPUERTA_RUN"] = ctx.run;
    // The called commands report in this run's language (its --lang included),
    // so the step summaries read in one language.
    o.env["COMPUERTA_LANG"] = msg::code(msg::current());
    o.timeout = ctx.settings.tool_timeout;
    o.progress = [&inv](const std::string& line) { inv.info("  | " + line); };
    return o;
}

std::vector<std::string> missing_steps(const RollbackPlan& plan, const Steps& steps) {
    std::vector<std::string> need;
    if (plan.restore)
        need.push_back("db restore");
    if (plan.maintenance_on || plan.maintenance_off)
        need.push_back("maintenance");
    if (plan.verify)
        need.push_back("smoke");
    if (plan.notify)
        need.push_back("notify");
    if (plan.postmortem)
        need.push_back("checklist");
    return steps.unavailable(need);
}

std::optional<db::AdvisoryLock> take_rollback_lock(core::cli::Invocation& inv,
                                                   const RollbackContext& ctx) {
    if (!ctx.dsn) {
        inv.info(msg::tr("rollback.lock.no_database"));
        return std::nullopt;
    }
    auto timeout = ctx.settings.lock_timeout;
    auto pg = inv.adapters().db();
    auto mine = db::AdvisoryLock::try_once(*pg, *ctx.dsn, "compuerta-rollback:", inv.env(),
                                           core::Deadline::after(timeout));
    if (!mine)
        throw core::CannotEvaluate(
            msg::tr("rollback.lock.failed", {{"error", mine.error().message}}));
    if (!mine->acquired)
        throw core::CannotEvaluate(
            msg::tr("rollback.lock.busy", {{"database", mine->database}, {"key", mine->key}}));
    auto other = db::AdvisoryLock::try_once(*pg, *ctx.dsn, "compuerta:", inv.env(),
                                            core::Deadline::after(timeout));
    if (!other)
        throw core::CannotEvaluate(
            msg::tr("rollback.lock.migration_check_failed", {{"error", other.error().message}}));
    if (!other->acquired)
        throw core::CannotEvaluate(msg::tr("rollback.lock.migration_busy",
                                           {{"database", other->database}, {"key", other->key}}));
    other->held.reset(); // db restore takes it itself
    return std::move(mine->held);
}

StepReport redeploy_release(core::cli::Invocation& inv, const DeploySettings& s,
                            const TemplateValues& values, DeployPorts ports) {
    auto progress = [&inv](const std::string& line) { inv.info("  | " + line); };
    std::vector<std::shared_ptr<core::Check>> checks;
    try {
        checks = build_deploy_checks(s, values, ports, "redeploy", progress);
    } catch (const core::ExitError& e) {
        return StepReport{core::Status::fail, e.what(), {}};
    }
    core::RunnerOptions opt;
    opt.concurrency = 1;
    core::report::TerminalStyle style{inv.common().color, inv.common().verbosity};
    opt.on_result = [&](const core::CheckResult& r) {
        core::report::print_result(inv.out(), r, style);
    };
    opt.on_round = [&](int round, const std::vector<core::CheckResult>& results) {
        for (const auto& r : results)
            inv.journal_result(r, round);
    };
    core::RunReport rr = core::run_checks(checks, opt);
    StepReport out;
    for (const auto& r : rr.results) {
        if (r.status == core::Status::fail || r.status == core::Status::error) {
            out.status = core::Status::fail;
            out.message = out.message.empty() ? r.title() + ": " + r.message : out.message;
            out.detail += r.title() + ": " + r.message + "\n" + r.output;
        }
    }
    if (out.status == core::Status::pass)
        out.message = msg::trn("rollback.redeploy.done", static_cast<long long>(rr.results.size()),
                               {{"release", values.tag}});
    return out;
}

} // namespace compuerta::plugin::deploy
