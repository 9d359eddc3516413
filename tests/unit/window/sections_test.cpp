// The window's typed sections (plan, window, maintenance, notify, checklist):
// a declared default is what the struct holds when the key is absent and what
// the reference shows; strings that are read where used stay unexpanded
// until then.
#include "core/config/config.hpp"
#include "core/config/schema.hpp"
#include "core/config/sections/checklist.hpp"
#include "core/config/sections/notify.hpp"
#include "core/config/sections/plan.hpp"
#include "core/errors.hpp"
#include "core/ports/env.hpp"
#include "plugin/window/maintenance.hpp"
#include "plugin/window/plan.hpp"

#include <gtest/gtest.h>

using namespace compuerta;
namespace cfg = compuerta::core::config;

namespace {

std::string reference() {
    return cfg::schema_markdown(cfg::root_schema());
}

bool shows(const std::string& row) {
    return reference().find(row) != std::string::npos;
}

} // namespace

TEST(WindowSections, PlanRowDefaultsAreDeclared) {
    core::MapEnv env;
    auto none = cfg::plan_decl().read(cfg::Config::none(env));
    EXPECT_TRUE(none.rows.empty());
    EXPECT_TRUE(none.roles.empty());
    EXPECT_TRUE(none.signoffs.empty());
    EXPECT_EQ(cfg::plan_row_decl().default_of("section"), "pre");
    EXPECT_TRUE(
        shows("| `plan.rows[].section` | `pre` \\| `exec` \\| `rollback` |  Default: `pre`. |"))
        << reference();
    EXPECT_TRUE(
        shows("| `plan.rows[].manual` | boolean | Needs a human sign-off. Default: `false`. |"));

    auto c = cfg::Config::load_string("plan:\n  roles:\n    dba: [Ana, Luis]\n  rows:\n"
                                      "    - {id: \"3.5\", task: Visto bueno}\n"
                                      "  signoffs:\n    gate-release: [\"3.5\"]\n",
                                      "c.yml", env);
    auto plan = cfg::plan_decl().read(c);
    ASSERT_EQ(plan.rows.size(), 1u);
    const auto& row = plan.rows[0];
    EXPECT_EQ(row.section, "pre");
    EXPECT_FALSE(row.manual);
    EXPECT_EQ(row.role, "");
    EXPECT_FALSE(row.task_en.has_value());
    EXPECT_NE(row.where.find("c.yml:5"), std::string::npos) << row.where;
    ASSERT_EQ(plan.signoffs.size(), 1u);
    EXPECT_EQ(plan.signoffs[0].second, std::vector<std::string>{"3.5"});
    auto people = plugin::window::role_people(plan);
    EXPECT_EQ(people["dba"], (std::vector<std::string>{"Ana", "Luis"}));
    auto rows = plugin::window::plan_rows(plan);
    const auto* extra = plugin::window::find_row(rows, "3.5");
    ASSERT_NE(extra, nullptr);
    EXPECT_EQ(extra->task_en, "Visto bueno") << "task_en defaults to task";
}

TEST(WindowSections, WindowValuesAreExpandedWhereUsed) {
    core::MapEnv env(std::map<std::string, std::string>{{"TAG", "v1.4.0"}});
    auto c = cfg::Config::load_string(
        "window:\n  start: \"${VENTANA_INICIO}\"\n  release: \"${TAG}\"\n", "c.yml", env);
    auto w = cfg::window_decl().read(c); // no error: start is not used here
    EXPECT_EQ(w.release.str_or("x"), "v1.4.0");
    EXPECT_EQ(w.environment.str_or("production"), "production");
    try {
        (void)w.start.str();
        FAIL() << "expected a ConfigError";
    } catch (const core::ConfigError& e) {
        std::string m = e.what();
        EXPECT_NE(m.find("c.yml:2"), std::string::npos) << m;
        EXPECT_NE(m.find("window.start"), std::string::npos) << m;
        EXPECT_NE(m.find("VENTANA_INICIO"), std::string::npos) << m;
    }
}

TEST(WindowSections, MaintenanceDefaultsAreDeclaredOnce) {
    core::MapEnv env;
    const auto& decl = cfg::maintenance_decl();
    auto m = decl.read(cfg::Config::none(env));
    EXPECT_EQ(m.backend, "file");
    EXPECT_EQ(m.admin_method, "POST");
    EXPECT_EQ(m.admin_on_body, "{\"maintenance\": true}");
    EXPECT_EQ(m.admin_off_body, "{\"maintenance\": false}");
    EXPECT_EQ(m.timeout, cfg::parse_duration(decl.default_of("timeout")));
    EXPECT_EQ(decl.default_of("timeout"), "10s");
    EXPECT_FALSE(m.insecure);
    EXPECT_FALSE(m.flag_file.present());
    EXPECT_FALSE(m.on_sql.has_value());
    EXPECT_TRUE(shows("| `maintenance.timeout` | duration | Timeout of each request or statement. "
                      "Default: `10s`. |"))
        << reference();
    EXPECT_TRUE(
        shows("| `maintenance.admin_method` | `POST` \\| `PUT` \\| `PATCH` | Method for the admin "
              "endpoint. Default: `POST`. |"));
    EXPECT_TRUE(shows("Body sent to switch on. Default: `{\"maintenance\": true}`. |"));
    // The command's settings start from the same defaults.
    plugin::window::MaintenanceSettings s;
    EXPECT_EQ(s.backend, m.backend);
    EXPECT_EQ(s.admin_method, m.admin_method);
    EXPECT_EQ(s.admin_on_body, m.admin_on_body);
    EXPECT_EQ(s.timeout, m.timeout);

    // An unset variable in a key the backend does not use is no error.
    auto c = cfg::Config::load_string("maintenance:\n  backend: file\n  flag_file: /tmp/m.flag\n"
                                      "  admin_token: \"${ADMIN_TOKEN}\"\n  timeout: 3s\n",
                                      "c.yml", env);
    auto set = decl.read(c);
    EXPECT_EQ(set.flag_file.str(), "/tmp/m.flag");
    EXPECT_EQ(set.timeout.count(), 3'000);
    EXPECT_THROW((void)set.admin_token.str(), core::ConfigError);
}

TEST(WindowSections, NotifyDefaultsAndShapes) {
    core::MapEnv env;
    const auto& decl = cfg::notify_decl();
    auto n = decl.read(cfg::Config::none(env));
    EXPECT_EQ(n.timeout, cfg::parse_duration(decl.default_of("timeout")));
    EXPECT_EQ(decl.default_of("timeout"), "10s");
    EXPECT_FALSE(n.email.has_value());
    EXPECT_TRUE(n.webhooks.empty());
    EXPECT_FALSE(n.templates("success").subject.has_value());
    EXPECT_TRUE(
        shows("| `notify.timeout` | duration | Timeout of each delivery. Default: `10s`. |"))
        << reference();
    EXPECT_TRUE(shows("| `notify.email.insecure` | boolean | Skip TLS verification (warns). "
                      "Default: `false`. |"));

    auto c = cfg::Config::load_string(
        "notify:\n  webhooks:\n    - {type: json, url: \"https://h.example/x\"}\n"
        "  email:\n    smtp_url: smtps://mail.example:465\n    from: a@example.test\n"
        "    to: [b@example.test]\n"
        "  templates:\n    rollback:\n      subject: \"Rollback {release}\"\n",
        "c.yml", env);
    auto set = decl.read(c);
    ASSERT_EQ(set.webhooks.size(), 1u);
    EXPECT_EQ(set.webhooks[0].type, "json");
    EXPECT_FALSE(set.webhooks[0].name.has_value());
    ASSERT_TRUE(set.email.has_value());
    EXPECT_EQ(set.email->tls, "") << "absent: from the URL's scheme, where it is used";
    EXPECT_EQ(set.email->to, std::vector<std::string>{"b@example.test"});
    EXPECT_EQ(set.templates("rollback").subject.value_or(""), "Rollback {release}");
    EXPECT_FALSE(set.templates("window").subject.has_value());
}

TEST(WindowSections, ChecklistLinkBaseIsReadWhereUsed) {
    core::MapEnv env;
    EXPECT_FALSE(cfg::checklist_decl().read(cfg::Config::none(env)).links_base_url.present());
    auto c = cfg::Config::load_string(
        "checklist:\n  links_base_url: https://ci.example/artifacts\n", "c.yml", env);
    auto s = cfg::checklist_decl().read(c);
    EXPECT_EQ(s.links_base_url.str(), "https://ci.example/artifacts");
    EXPECT_EQ(s.links_base_url.path(), "checklist.links_base_url");
    EXPECT_NE(s.links_base_url.where().find("c.yml:2"), std::string::npos);
}
