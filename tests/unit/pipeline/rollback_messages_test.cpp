// The rollback's texts in the run's language (issue 12): step names, their
// journaled summaries, skip reasons and counts with real plural forms.
#include "core/config/sections/deploy.hpp"
#include "core/messages/catalog.hpp"
#include "plugin/deploy/rollback_flow.hpp"
#include "tests/unit/pipeline/bad_release.hpp"

#include <gtest/gtest.h>

using namespace compuerta;
using namespace compuerta::plugin::deploy;
using compuerta::test::bad_release;
namespace msg = compuerta::core::msg;

namespace {

// Every called command reports what the test set (default: one passing check).
class Steps2 final : public Steps {
  public:
    std::map<std::string, StepCall> results;
    std::vector<std::string> unavailable(const std::vector<std::string>&) const override {
        return {};
    }
    StepCall restore(const std::string&, const std::vector<std::string>&) override {
        return get("db restore");
    }
    StepCall maintenance(bool) override { return get("maintenance"); }
    StepCall smoke(const std::string&, const std::vector<std::string>&) override {
        return get("smoke");
    }
    StepCall notify_rollback() override { return get("notify"); }
    StepCall postmortem(const std::string&) override { return get("checklist"); }

    static core::report::ReportedCheck check(core::Status status, const std::string& message) {
        core::report::ReportedCheck c;
        c.id = "x";
        c.item = "R2";
        c.name = "x";
        c.status = status;
        c.message = message;
        return c;
    }

  private:
    StepCall get(const std::string& command) {
        if (results.count(command))
            return results[command];
        StepCall ok;
        ok.completed = true;
        ok.checks.push_back(check(core::Status::pass, "compuerta-db-restore finished"));
        return ok;
    }
};

struct Rollback {
    std::vector<core::Event> events;
    RollbackOutcome out;
    explicit Rollback(Steps2& steps) {
        RollbackEnv env;
        env.steps = &steps;
        env.journal = [this](const core::Event& e) { events.push_back(e); };
        env.redeploy = [](const std::string&, const std::string&) {
            return StepReport{core::Status::pass, "ok", {}};
        };
        env.postmortem = "pm.md";
        RunState st = bad_release();
        out = execute_rollback(plan_rollback(st, std::nullopt), st, env);
    }
    std::string summary(const std::string& event, const std::string& status) const {
        for (const auto& e : events)
            if (e.event == event && e.status == status)
                return e.summary;
        return "(no " + event + " " + status + ")";
    }
    const core::CheckResult* step(const std::string& id) const {
        for (const auto& r : out.steps)
            if (r.id == id)
                return &r;
        return nullptr;
    }
};

// Sets the run's language for one test and puts English back.
struct Language {
    explicit Language(msg::Lang l) { msg::set_current(l); }
    ~Language() { msg::set_current(msg::Lang::en); }
};

} // namespace

TEST(RollbackMessages, StepsReadInSpanish) {
    Language es(msg::Lang::es);
    Steps2 steps;
    Rollback run(steps);
    ASSERT_EQ(run.out.exit_code, 0);
    EXPECT_EQ(run.summary("rollback.restore", "started"), "Restaurar base de datos");
    EXPECT_EQ(run.summary("rollback.restore", "ok"),
              "Restaurar base de datos: compuerta-db-restore finished");
    EXPECT_EQ(run.summary("rollback.redeploy", "started"), "Desplegar la versión anterior v1");
    ASSERT_NE(run.step("postmortem"), nullptr);
    EXPECT_EQ(run.step("postmortem")->name, "Análisis post-mortem");
}

TEST(RollbackMessages, StepsReadInEnglish) {
    Language en(msg::Lang::en);
    Steps2 steps;
    Rollback run(steps);
    ASSERT_EQ(run.out.exit_code, 0);
    EXPECT_EQ(run.summary("rollback.restore", "ok"),
              "Restore the database: compuerta-db-restore finished");
    EXPECT_EQ(run.summary("rollback.redeploy", "started"), "Deploy the previous release v1");
    EXPECT_EQ(run.step("notify")->name, "Announce the rollback");
}

TEST(RollbackMessages, AFailedRestoreSkipsInTheRunsLanguage) {
    Language es(msg::Lang::es);
    Steps2 steps;
    StepCall failed;
    failed.completed = true;
    auto c = Steps2::check(core::Status::fail, "pg_restore: error: could not connect");
    c.evidence["changed"] = "true";
    failed.checks.push_back(c);
    steps.results["db restore"] = failed;
    Rollback run(steps);
    EXPECT_EQ(run.out.exit_code, 1);
    ASSERT_NE(run.step("redeploy"), nullptr);
    EXPECT_EQ(run.step("redeploy")->status, core::Status::skip);
    EXPECT_EQ(run.step("redeploy")->message, "no se redespliega: la restauración falló");
    ASSERT_NE(run.step("maintenance_off"), nullptr);
    EXPECT_EQ(run.step("maintenance_off")->message,
              "el mantenimiento sigue activo: la versión anterior no está verificada");
}

TEST(RollbackMessages, CountsTakeRealPluralForms) {
    StepCall c;
    c.completed = true;
    c.checks.push_back(Steps2::check(core::Status::pass, "a"));
    c.checks.push_back(Steps2::check(core::Status::pass, "b"));
    {
        Language es(msg::Lang::es);
        EXPECT_EQ(c.summary(), "2 verificaciones aprobadas");
        c.checks.push_back(Steps2::check(core::Status::skip, "c"));
        EXPECT_EQ(c.summary(), "2 verificaciones aprobadas, 1 omitida");
    }
    EXPECT_EQ(c.summary(), "2 checks passed, 1 skipped");
    c.checks.resize(1);
    EXPECT_EQ(c.summary(), "a") << "one check: its own message";
    c.checks.push_back(Steps2::check(core::Status::skip, "c"));
    EXPECT_EQ(c.summary(), "1 check passed, 1 skipped");
    EXPECT_EQ(msg::plural(msg::Lang::es, "rollback.redeploy.done", 1, {{"release", "v1.0.0"}}),
              "v1.0.0 desplegada de nuevo y sana (1 paso)");
    EXPECT_EQ(msg::plural(msg::Lang::es, "rollback.redeploy.done", 5, {{"release", "v1.0.0"}}),
              "v1.0.0 desplegada de nuevo y sana (5 pasos)");
    EXPECT_EQ(msg::plural(msg::Lang::en, "rollback.redeploy.done", 5, {{"release", "v1.0.0"}}),
              "v1.0.0 redeployed and healthy (5 steps)");
}

// The help of deploy and rollback names configuration defaults that the
// catalog writes out: they must stay those of the configuration schema.
TEST(RollbackMessages, HelpNamesTheSchemasDefaults) {
    const auto& rb = core::config::rollback_decl();
    const auto& dp = core::config::deploy_decl();
    for (auto lang : {msg::Lang::en, msg::Lang::es}) {
        std::string r = msg::text(lang, "rollback.description");
        for (const char* key : {"automatic", "approval", "tool_timeout"})
            EXPECT_NE(r.find(" " + rb.default_of(key)), std::string::npos)
                << key << " " << rb.default_of(key) << "\n"
                << r;
        std::string d = msg::text(lang, "deploy.description");
        EXPECT_NE(d.find(" " + dp.default_of("timeout") + ";"), std::string::npos) << d;
        EXPECT_NE(d.find(" " + dp.default_of("health_timeout") + ")"), std::string::npos) << d;
        std::string t = msg::text(lang, "deploy.opt.timeout.default"); // deploy --timeout's help
        EXPECT_NE(t.find(" " + dp.default_of("timeout") + ";"), std::string::npos) << t;
        EXPECT_NE(d.find("{tag}"), std::string::npos) << "a literal brace renders as one: " << d;
        EXPECT_NE(d.find("${VAR}"), std::string::npos) << d;
    }
}
