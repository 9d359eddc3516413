#include "plugin/deploy/rollback_flow.hpp"

#include "core/errors.hpp"
#include "core/events.hpp"
#include "core/messages/catalog.hpp"

#include <chrono>
#include <fmt/format.h>

namespace compuerta::plugin::deploy {

namespace msg = core::msg;

namespace {

core::events::RollbackStep step_fields(std::string manifest, std::string release, std::string replaced,
                                       std::string file) {
    return core::events::RollbackStep{std::move(manifest), std::move(release), std::move(replaced), std::move(file)};
}

bool restore_involved(const RunState& st) { return st.migrated || (st.backup.has_value() && st.deploy.has_value()); }

struct StepDef {
    const char* event;
    const char* item;
    std::string name;
};

class Executor {
  public:
    explicit Executor(RollbackEnv& env) : m_env(env) {}

    // Journals started/ok/fail around `fn` and records the report line.
    StepReport step(const StepDef& def, const core::events::RollbackStep& fields, const std::function<StepReport()>& fn) {
        core::Event start = core::events::make_step(def.event, fields, def.item, "started", def.name);
        m_env.journal(start);
        if (m_env.info)
            m_env.info(msg::tr("rollback.step.starting", {{"item", def.item}, {"step", def.name}}));
        auto t0 = std::chrono::steady_clock::now();
        StepReport r = fn();
        auto took = std::chrono::duration_cast<core::Millis>(std::chrono::steady_clock::now() - t0);
        core::Event done = start;
        done.status = r.status == core::Status::pass ? "ok" : "fail";
        done.summary =
            msg::tr("rollback.step.summary", {{"step", def.name}, {"result", r.message}});
        done.duration_ms = took.count();
        m_env.journal(done);
        record(def, r, took);
        return r;
    }

    void record(const StepDef& def, const StepReport& r, core::Millis took) {
        core::CheckResult c;
        c.id = std::string(def.event).substr(9); // without "rollback."
        c.item = def.item;
        c.name = def.name;
        c.classname = "rollback." + c.id;
        c.status = r.status;
        c.message = r.message;
        c.detail = r.detail;
        c.duration = took;
        c.started = std::chrono::system_clock::now() - took;
        m_steps.push_back(std::move(c));
    }

    void skipped(const StepDef& def, const std::string& why) {
        record(def, StepReport{core::Status::skip, why, {}}, core::Millis(0));
    }

    // The report line of a typed call: its summary, and on failure what the
    // command reported (each failed check) and the tail of its output.
    static StepReport report(const StepCall& c) {
        StepReport r;
        r.status = c.status();
        r.message = c.summary();
        if (r.status != core::Status::pass) {
            for (const auto* f : c.failed())
                r.detail += fmt::format("{} {} [{}]: {}\n", f->item, f->name, core::to_string(f->status), f->message);
            r.detail += c.output;
        }
        return r;
    }

    std::vector<core::CheckResult> take() { return std::move(m_steps); }

  private:
    RollbackEnv& m_env;
    std::vector<core::CheckResult> m_steps;
};

} // namespace

RollbackPlan plan_rollback(const RunState& st, const std::optional<std::string>& manifest_problem) {
    RollbackPlan p;
    if (restore_involved(st)) {
        p.restore = !st.step_ok(core::events::k_rollback_restore);
        p.maintenance_on = st.maintenance_on && !st.step_ok(core::events::k_rollback_maintenance);
        if (p.restore) {
            if (!st.backup || st.backup->manifest.empty())
                p.problems.push_back(msg::tr("rollback.plan.no_backup"));
            else if (st.backup->status != "ok")
                p.problems.push_back(
                    msg::tr("rollback.plan.backup_not_ok",
                            {{"manifest", st.backup->manifest}, {"status", st.backup->status}}));
            else if (manifest_problem)
                p.problems.push_back(*manifest_problem);
            if (st.backup) p.manifest = st.backup->manifest;
        }
    }
    if (st.deploy) {
        p.replaced = st.deploy->release;
        p.release = st.deploy->previous_release;
        if (p.release.empty() && st.backup) p.release = st.backup->previous_tag;
        p.redeploy = !st.step_ok(core::events::k_rollback_redeploy);
        if (p.redeploy && p.release.empty())
            p.problems.push_back(
                p.replaced.empty()
                    ? msg::tr("rollback.plan.no_previous_release.run")
                    : msg::tr("rollback.plan.no_previous_release", {{"release", p.replaced}}));
    }
    p.verify = !st.step_ok(core::events::k_rollback_verify);
    p.maintenance_off = st.maintenance_on && !st.step_ok(core::events::k_rollback_maintenance_off);
    p.notify = !st.step_ok(core::events::k_rollback_notify);
    p.postmortem = !st.step_ok(core::events::k_rollback_postmortem);
    return p;
}

RollbackOutcome execute_rollback(const RollbackPlan& plan, const RunState& st, RollbackEnv& env) {
    RollbackOutcome out;
    Executor ex(env);
    int code = core::k_exit_ok;
    namespace ev = core::events;
    const StepDef restore{ev::k_rollback_restore, "R2", msg::tr("rollback.step.restore")};
    const StepDef maint_on{ev::k_rollback_maintenance, "R2",
                           msg::tr("rollback.step.maintenance_on")};
    const StepDef redeploy{ev::k_rollback_redeploy, "R3",
                           msg::tr("rollback.step.redeploy", {{"release", plan.release}})};
    const StepDef verify{ev::k_rollback_verify, "R4", msg::tr("rollback.step.verify")};
    const StepDef maint_off{ev::k_rollback_maintenance_off, "7.1",
                            msg::tr("rollback.step.maintenance_off")};
    const StepDef notify{ev::k_rollback_notify, "R5", msg::tr("rollback.step.notify")};
    const StepDef postmortem{ev::k_rollback_postmortem, "R6", msg::tr("rollback.step.postmortem")};

    bool healthy_path = true; // false once a step failed: keep maintenance on, skip the rest
    if (plan.restore) {
        StepCall call;
        StepReport r = ex.step(restore, step_fields(plan.manifest, {}, {}, {}), [&] {
            call = env.steps->restore(plan.manifest, env.restore_args);
            return Executor::report(call);
        });
        if (r.status != core::Status::pass) {
            // db restore verifies the backup before it touches anything and says
            // in its report whether it changed the database; when it did not,
            // and no redeploy ran yet, nothing has changed at all.
            bool nothing_touched = !database_changed(call) && !st.step_ok(core::events::k_rollback_redeploy);
            if (nothing_touched) {
                out.exit_code = core::k_exit_cannot_evaluate;
                out.steps = ex.take();
                return out;
            }
            code = core::k_exit_failed;
            healthy_path = false;
        }
    }
    if (plan.maintenance_on && healthy_path) {
        StepReport r = ex.step(maint_on, {}, [&] { return Executor::report(env.steps->maintenance(true)); });
        if (r.status != core::Status::pass) code = core::k_exit_failed; // go on: the old release must come back
    }
    if (plan.redeploy) {
        if (!healthy_path)
            ex.skipped(redeploy, msg::tr("rollback.skip.redeploy"));
        else {
            StepReport r = ex.step(redeploy, step_fields({}, plan.release, plan.replaced, {}),
                                   [&] { return env.redeploy(plan.release, plan.replaced); });
            if (r.status != core::Status::pass) {
                code = core::k_exit_failed;
                healthy_path = false;
            }
        }
    }
    if (plan.verify) {
        if (!healthy_path)
            ex.skipped(verify, msg::tr("rollback.skip.verify"));
        else {
            StepReport r = ex.step(verify, {}, [&] {
                StepReport s = Executor::report(env.steps->smoke(env.verify_junit, env.smoke_args));
                if (s.status != core::Status::pass)
                    s.message = msg::tr("rollback.verify.unhealthy", {{"result", s.message}});
                return s;
            });
            if (r.status != core::Status::pass) {
                code = core::k_exit_failed;
                healthy_path = false;
            }
        }
    }
    if (plan.maintenance_off) {
        if (!healthy_path)
            ex.skipped(maint_off, msg::tr("rollback.skip.maintenance_off"));
        else if (ex.step(maint_off, {}, [&] { return Executor::report(env.steps->maintenance(false)); }).status !=
                 core::Status::pass)
            code = core::k_exit_failed;
    }
    if (plan.notify && ex.step(notify, {}, [&] { return Executor::report(env.steps->notify_rollback()); }).status !=
                           core::Status::pass)
        code = core::k_exit_failed;
    if (plan.postmortem &&
        ex.step(postmortem, step_fields({}, {}, {}, env.postmortem), [&] {
              return Executor::report(env.steps->postmortem(env.postmortem));
          }).status != core::Status::pass)
        code = core::k_exit_failed;
    out.exit_code = code;
    out.steps = ex.take();
    return out;
}

} // namespace compuerta::plugin::deploy
