// `compuerta rollback`: decide from the journal and the smoke JUnit (R1),
// then restore, redeploy, verify, tell and write the post-mortem (R2-R6).
#include "core/config/sections/deploy.hpp"
#include "core/errors.hpp"
#include "core/events.hpp"
#include "core/fs.hpp"
#include "core/messages/catalog.hpp"
#include "core/report/json.hpp"
#include "core/report/junit.hpp"
#include "core/report/terminal.hpp"
#include "core/secrets.hpp"
#include "core/util/text.hpp"
#include "plugin/db/snapshot.hpp"
#include "plugin/deploy/deploy_command.hpp"
#include "plugin/deploy/deploy_plan.hpp"
#include "plugin/deploy/manifest.hpp"
#include "plugin/deploy/rollback_flow.hpp"
#include "plugin/deploy/rollback_support.hpp"
#include "plugin/deploy/smoke_results.hpp"
#include "plugin/lease/guard.hpp"

#include <fmt/format.h>

namespace compuerta::plugin::deploy {

namespace po = boost::program_options;
namespace msg = core::msg;

namespace {

void rollback_options(po::options_description& d) {
    d.add_options()("approved", po::bool_switch(), msg::tr("rollback.opt.approved").c_str())(
        "over-new-data", po::bool_switch(), msg::tr("rollback.opt.over_new_data").c_str())(
        "smoke-junit", po::value<std::vector<std::string>>()->composing(),
        msg::tr("rollback.opt.smoke_junit").c_str())("dsn", po::value<std::string>(),
                                                     msg::tr("rollback.opt.dsn").c_str())(
        "run", po::value<std::string>(), msg::tr("rollback.opt.run").c_str())(
        "verify-junit", po::value<std::string>()->default_value("compuerta-rollback-smoke.xml"),
        msg::tr("rollback.opt.verify_junit").c_str())(
        "postmortem", po::value<std::string>(),
        msg::tr("rollback.opt.postmortem",
                {{"default", core::config::rollback_decl().default_of("postmortem")}})
            .c_str());
}

int run_rollback(core::cli::Invocation& inv) {
    const auto& cfg = inv.config();
    RollbackContext ctx = load_context(inv);
    core::report::Suite suite = inv.make_suite("compuerta.rollback");
    auto finish = [&](int code) { return finish_report(inv, suite, code); };
    // The end of a rollback (done, failed, or nothing to undo) is the run's
    // end: its deployment lease goes. Kept while an approval is pending (4)
    // and when it stopped before any change asking for a fix and a retry.
    auto finish_run = [&](int code) {
        lease::Binding b = lease::bind(inv, {}, ctx.run);
        lease::release_at_end(inv, b, core::events::RollbackDone::name);
        return finish(code);
    };

    if (ctx.run.empty()) {
        suite.results.push_back(
            decision_result(core::Status::pass, msg::tr("rollback.decision.empty_journal")));
        return finish(core::k_exit_ok);
    }
    const RunState& st = ctx.state;
    if (st.step_ok(core::events::RollbackDone::name)) {
        suite.results.push_back(decision_result(
            core::Status::pass, msg::tr("rollback.decision.already_done", {{"run", st.run}})));
        return finish_run(core::k_exit_ok);
    }
    Decision d;
    bool resuming = st.decision && *st.decision == "rollback";
    if (resuming) {
        d.verdict = Verdict::rollback;
        d.reasons.push_back(msg::tr("rollback.decision.resuming"));
    } else {
        d = decide(st, read_findings(inv, ctx), Policy::from(ctx.settings),
                   inv.args()["approved"].as<bool>());
        journal_decision(inv, d);
    }
    for (const auto& r : d.reasons)
        inv.info("rollback: " + r);
    if (d.verdict == Verdict::approval) {
        core::CheckResult r = decision_result(
            core::Status::skip,
            msg::tr("rollback.decision.waiting", {{"reasons", core::util::join(d.reasons, "; ")}}));
        r.waiting = true; // a person decides: exit 4, nothing changed
        suite.results.push_back(std::move(r));
        return finish(core::k_exit_pending);
    }
    if (d.verdict != Verdict::rollback) {
        suite.results.push_back(
            decision_result(core::Status::pass, core::util::join(d.reasons, "; ")));
        return finish_run(core::k_exit_ok);
    }
    suite.results.push_back(decision_result(
        core::Status::pass, msg::tr("rollback.decision.rolling_back",
                                    {{"reasons", core::util::join(d.reasons, "; ")}})));

    // Everything that could stop us is checked before the first change.
    std::optional<std::string> manifest_problem;
    if (st.backup && !st.backup->manifest.empty()) {
        auto m = check_manifest(st.backup->manifest);
        if (!m)
            manifest_problem = m.error().message;
    }
    RollbackPlan plan = plan_rollback(st, manifest_problem);
    auto process = inv.adapters().process();
    auto http = inv.adapters().http();
    ProcessSteps steps(*process, step_options(inv, ctx));
    for (const auto& p : missing_steps(plan, steps))
        plan.problems.push_back(p);
    DeploySettings settings = read_deploy_settings(cfg);
    if (plan.redeploy && settings.commands.empty() && settings.restart.empty())
        throw core::ConfigError(msg::tr("rollback.no_deploy_commands"));
    if (plan.redeploy) {
        TemplateValues v{plan.release, plan.replaced, "", ctx.environment};
        if (auto ok = validate_values(v); !ok)
            plan.problems.push_back(ok.error().message);
    }
    if (!plan.problems.empty())
        return stop_before_change(inv, suite, plan.problems);

    // Another run's deployment lease: exit 3 naming it, nothing changed.
    lease::require(inv, "rollback", "R1", ctx.run);
    auto held = take_rollback_lock(inv, ctx); // throws CannotEvaluate when busy
    for (const auto& l : db::repair_unfinished_snapshots(inv, ctx.dsn))
        inv.info("rollback: " + l);

    RollbackEnv env;
    env.steps = &steps;
    env.journal = [&inv](const core::Event& e) { inv.journal().append(e); };
    env.info = [&inv](const std::string& s) { inv.info(s); };
    env.restore_args = ctx.dsn_args;
    if (inv.args()["over-new-data"].as<bool>())
        env.restore_args.push_back("--over-new-data");
    env.smoke_args = ctx.dsn_args;
    env.verify_junit = inv.args()["verify-junit"].as<std::string>();
    env.postmortem = ctx.postmortem;
    env.redeploy = [&](const std::string& release, const std::string& replaced) {
        return redeploy_release(inv, settings,
                                TemplateValues{release, replaced, "", ctx.environment},
                                DeployPorts{process.get(), http.get(), {}});
    };
    RollbackOutcome out = execute_rollback(plan, st, env);
    for (auto& r : out.steps)
        suite.results.push_back(std::move(r));
    journal_done(inv, out.exit_code);
    if (out.exit_code == core::k_exit_pending)
        return finish(out.exit_code);
    return finish_run(out.exit_code);
}

} // namespace

const core::cli::Command& rollback_command() {
    static const core::cli::Command cmd{
        "rollback",
        "rollback.summary",
        "compuerta rollback [--approved] [--smoke-junit FILE]... [--dsn DSN] [--run RUN] [OPTIONS]",
        // The defaults it names (rollback.automatic, approval, tool_timeout) are
        // written in the catalog; tests/unit/pipeline/messages_test.cpp keeps them in step.
        "rollback.description",
        true,
        false,
        rollback_options,
        {},
        run_rollback,
    };
    return cmd;
}

} // namespace compuerta::plugin::deploy
