// `compuerta rollback`: decide from the journal and the smoke JUnit (R1),
// then restore, redeploy, verify, tell and write the post-mortem (R2-R6).
#include "core/config/sections/deploy.hpp"
#include "core/errors.hpp"
#include "core/fs.hpp"
#include "core/ports/pg_session_lock.hpp"
#include "core/report/json.hpp"
#include "core/report/junit.hpp"
#include "core/report/terminal.hpp"
#include "core/secrets.hpp"
#include "plugin/db/snapshot.hpp"
#include "plugin/deploy/deploy_command.hpp"
#include "plugin/deploy/deploy_plan.hpp"
#include "plugin/deploy/manifest.hpp"
#include "plugin/deploy/rollback_flow.hpp"
#include "plugin/deploy/rollback_support.hpp"
#include "plugin/deploy/smoke_results.hpp"
#include "plugin/lease/guard.hpp"
#include "core/util/text.hpp"
#include "core/events.hpp"

#include <fmt/format.h>

namespace compuerta::plugin::deploy {

namespace po = boost::program_options;

namespace {

void options(po::options_description& d) {
    static const std::string postmortem_help =
        "post-mortem file (default rollback.postmortem, else " + core::config::rollback_decl().default_of("postmortem") +
        ")";
    d.add_options()
        ("approved", po::bool_switch(), "a person approved the rollback (the manual approval job): roll back whatever "
                                        "the policy says")
        ("over-new-data", po::bool_switch(), "restore even though maintenance went off after the backup (the public's "
                                             "writes since then are lost; passed to db restore). --approved is not this")
        ("smoke-junit", po::value<std::vector<std::string>>()->composing(),
         "smoke JUnit file to decide from (repeatable; default rollback.smoke_junit, else this run's journal)")
        ("dsn", po::value<std::string>(), "database to restore and verify (passed to db restore and smoke; default "
                                          "database.dsn)")
        ("run", po::value<std::string>(), "pipeline run to roll back (default COMPUERTA_RUN, CI_PIPELINE_ID, BUILD_TAG, "
                                          "else the journal's latest window)")
        ("verify-junit", po::value<std::string>()->default_value("compuerta-rollback-smoke.xml"),
         "JUnit file of the verifying smoke")
        ("postmortem", po::value<std::string>(), postmortem_help.c_str());
}

int run(core::cli::Invocation& inv) {
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
        suite.results.push_back(decision_result(core::Status::pass, "the journal is empty: this run changed nothing"));
        return finish(core::k_exit_ok);
    }
    const RunState& st = ctx.state;
    if (st.step_ok(core::events::RollbackDone::name)) {
        suite.results.push_back(decision_result(core::Status::pass,
                                                fmt::format("run {} was already rolled back: nothing to do", st.run)));
        return finish_run(core::k_exit_ok);
    }
    Decision d;
    bool resuming = st.decision && *st.decision == "rollback";
    if (resuming) {
        d.verdict = Verdict::rollback;
        d.reasons.push_back("a rollback of this run was decided earlier and did not finish: resuming it");
    } else {
        d = decide(st, read_findings(inv, ctx), Policy::from(ctx.settings), inv.args()["approved"].as<bool>());
        journal_decision(inv, d);
    }
    for (const auto& r : d.reasons) inv.info("rollback: " + r);
    if (d.verdict == Verdict::approval) {
        core::CheckResult r = decision_result(
            core::Status::skip,
            "waiting for approval: " + core::util::join(d.reasons, "; ") +
                ". Run the approval job (compuerta rollback --approved) to roll back");
        r.waiting = true; // a person decides: exit 4, nothing changed
        suite.results.push_back(std::move(r));
        return finish(core::k_exit_pending);
    }
    if (d.verdict != Verdict::rollback) {
        suite.results.push_back(decision_result(core::Status::pass, core::util::join(d.reasons, "; ")));
        return finish_run(core::k_exit_ok);
    }
    suite.results.push_back(decision_result(core::Status::pass, "rolling back: " + core::util::join(d.reasons, "; ")));

    // Everything that could stop us is checked before the first change.
    std::optional<std::string> manifest_problem;
    if (st.backup && !st.backup->manifest.empty()) {
        auto m = check_manifest(st.backup->manifest);
        if (!m) manifest_problem = m.error().message;
    }
    RollbackPlan plan = plan_rollback(st, manifest_problem);
    auto process = core::make_posix_process();
    auto http = core::make_curl_http();
    ProcessSteps steps(*process, step_options(inv, ctx));
    for (const auto& p : missing_steps(plan, steps)) plan.problems.push_back(p);
    DeploySettings settings = read_deploy_settings(cfg);
    if (plan.redeploy && settings.commands.empty() && settings.restart.empty())
        throw core::ConfigError("deploy.commands and deploy.restart are empty: the previous release cannot be "
                                "redeployed; list the site's deploy commands in compuerta.yml");
    if (plan.redeploy) {
        TemplateValues v{plan.release, plan.replaced, "", ctx.environment};
        if (auto ok = validate_values(v); !ok) plan.problems.push_back(ok.error().message);
    }
    if (!plan.problems.empty()) return stop_before_change(inv, suite, plan.problems);

    // Another run's deployment lease: exit 3 naming it, nothing changed.
    lease::require(inv, "rollback", "R1", ctx.run);
    auto locks = core::make_libpq_session_locks();
    auto held = take_rollback_lock(inv, ctx, *locks); // throws CannotEvaluate when busy
    for (const auto& l : db::repair_unfinished_snapshots(inv, ctx.dsn)) inv.info("rollback: " + l);

    RollbackEnv env;
    env.steps = &steps;
    env.journal = [&inv](const core::Event& e) { inv.journal().append(e); };
    env.info = [&inv](const std::string& s) { inv.info(s); };
    env.restore_args = ctx.dsn_args;
    if (inv.args()["over-new-data"].as<bool>()) env.restore_args.push_back("--over-new-data");
    env.smoke_args = ctx.dsn_args;
    env.verify_junit = inv.args()["verify-junit"].as<std::string>();
    env.postmortem = ctx.postmortem;
    env.redeploy = [&](const std::string& release, const std::string& replaced) {
        return redeploy_release(inv, settings, TemplateValues{release, replaced, "", ctx.environment},
                                DeployPorts{process.get(), http.get(), {}});
    };
    RollbackOutcome out = execute_rollback(plan, st, env);
    for (auto& r : out.steps) suite.results.push_back(std::move(r));
    journal_done(inv, out.exit_code);
    if (out.exit_code == core::k_exit_pending) return finish(out.exit_code);
    return finish_run(out.exit_code);
}

} // namespace

const core::cli::Command& rollback_command() {
    static const core::cli::Command cmd{
        "rollback",
        "Roll back a failed deploy (plan R1-R6): decide, restore, redeploy, verify, tell, post-mortem.",
        "compuerta rollback [--approved] [--smoke-junit FILE]... [--dsn DSN] [--run RUN] [OPTIONS]",
        fmt::format(
        "Decides from this run's journal (what it changed: maintenance, backup, migrations, deploy) and\n"
        "the smoke JUnit files, with rollback.automatic (default {}: a fail rolls back by\n"
        "itself) and rollback.approval (default {}: waits for --approved); an error alone never rolls\n"
        "back. Then: db restore --manifest (this window's backup), maintenance on again, redeploy of\n"
        "the release that ran before (deploy.done's previous_release) with the deploy commands, smoke,\n"
        "maintenance off when healthy, notify rollback and checklist --postmortem. Each of those\n"
        "commands runs as a child process of this same compuerta (killed at rollback.tool_timeout, default {}),\n"
        "and the rollback reads what it did from its --json report. Each step is journaled\n"
        "(rollback.*); a step already ok is never repeated, so running it again (or after it was\n"
        "killed) finishes the job.\n"
        "Exit 0 nothing to undo, nothing calling for a rollback, or rolled back and healthy; 1 rolled\n"
        "back but smoke still fails, or a step failed; 2 usage or configuration; 3 cannot roll back\n"
        "(no manifest, corrupt backup, no previous release, another rollback running: stopped before\n"
        "any change); 4 waiting for approval (run the approval job: compuerta rollback --approved;\n"
        "nothing was changed, maintenance stays as it is).",
        core::config::rollback_decl().default_of("automatic"), core::config::rollback_decl().default_of("approval"),
        core::config::rollback_decl().default_of("tool_timeout")),
        true,
        false,
        options,
        {},
        run,
    };
    return cmd;
}

} // namespace compuerta::plugin::deploy
