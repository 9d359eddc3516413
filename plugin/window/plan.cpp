#include "plugin/window/plan.hpp"

#include "core/errors.hpp"

#include "core/cli/language.hpp"
#include "core/config/output.hpp"
#include "core/messages/catalog.hpp"
#include <fmt/format.h>

namespace compuerta::plugin::window {

namespace {

PlanRow row(const std::string& id, Section s, const std::string& group, std::string role, bool manual = false,
            bool heading = false) {
    using core::msg::text;
    const std::string task = "window.plan.row." + id, g = "window.plan.group." + group;
    return PlanRow{id,
                   s,
                   group.empty() ? "" : text(Lang::es, g),
                   group.empty() ? "" : text(Lang::en, g),
                   text(Lang::es, task),
                   text(Lang::en, task),
                   std::move(role),
                   manual,
                   heading};
}

std::vector<PlanRow> make_plan() {
    const Section P = Section::pre, E = Section::exec, R = Section::rollback;
    // Texts from the catalog (window.plan.row.ID, window.plan.group.NAME), both
    // languages: a configured row carries its own two texts the same way.
    return {
        row("1.1", P, "communication", "lider"),
        row("1.2", P, "communication", "todos", true),
        row("2.1", P, "environment", "infra"),
        row("2.2", P, "environment", "dba"),
        row("2.3", P, "environment", "infra"),
        row("3.1", P, "quality", "qa_lead"),
        row("3.2", P, "quality", "qa_lead"),
        row("3.3", P, "quality", "dev_lead"),
        row("3.4", P, "quality", "dev_lead"),
        row("1", E, "", "lider", false, true),
        row("2", E, "", "infra"),
        row("3", E, "", "dba"),
        row("4", E, "", "infra"),
        row("5", E, "", "infra"),
        row("6", E, "", "", false, true),
        row("6.1", E, "", "dev_infra"),
        row("6.2", E, "", "dev_infra"),
        row("6.3", E, "", "qa"),
        row("6.4", E, "", "todos"),
        row("7", E, "", "", false, true),
        row("7.1", E, "", "infra"),
        row("7.2", E, "", "lider"),
        row("R1", R, "", "lider"),
        row("R2", R, "", "dba"),
        row("R3", R, "", "infra"),
        row("R4", R, "", "qa"),
        row("R5", R, "", "lider"),
        row("R6", R, "", "equipo"),
    };
}

} // namespace

const std::vector<PlanRow>& builtin_plan() {
    static const std::vector<PlanRow> plan = make_plan();
    return plan;
}

const PlanRow* find_row(const std::vector<PlanRow>& rows, const std::string& id) {
    for (const auto& r : rows)
        if (r.id == id) return &r;
    return nullptr;
}

std::vector<PlanRow> plan_rows(const core::config::PlanSection& plan) {
    std::vector<PlanRow> rows = builtin_plan();
    for (const auto& v : plan.rows) {
        PlanRow r;
        r.id = v.id;
        if (find_row(rows, r.id) != nullptr)
            throw core::ConfigError(
                core::msg::tr("window.plan.duplicate_row", {{"where", v.where}, {"id", r.id}}));
        r.section = v.section == "exec"       ? Section::exec
                    : v.section == "rollback" ? Section::rollback
                                              : Section::pre;
        r.task_es = v.task;
        r.task_en = v.task_en.value_or(r.task_es);
        r.role = v.role;
        r.manual = v.manual;
        r.group_es = r.section == Section::pre ? core::msg::text(Lang::es, "window.group.additional") : "";
        r.group_en = r.section == Section::pre ? core::msg::text(Lang::en, "window.group.additional") : "";
        // After the last row of its section.
        auto pos = rows.end();
        for (auto it = rows.begin(); it != rows.end(); ++it)
            if (it->section == r.section) pos = it + 1;
        rows.insert(pos, std::move(r));
    }
    return rows;
}

std::vector<PlanRow> plan_rows(const core::config::Config& cfg) {
    return plan_rows(core::config::plan_decl().read(cfg));
}

std::string role_name(const std::string& role, Lang lang) {
    static const char* const known[] = {"lider",    "todos",    "infra", "dev", "dev_infra",
                                        "qa",       "qa_lead",  "dev_lead", "dba", "equipo"};
    for (const char* k : known)
        if (role == k) return core::msg::text(lang, std::string("window.role.") + k);
    return role;
}

std::map<std::string, std::vector<std::string>> role_people(const core::config::PlanSection& plan) {
    std::map<std::string, std::vector<std::string>> people;
    for (const auto& [role, list] : plan.roles)
        people[role] = list.strings();
    return people;
}

Lang parse_lang(const std::string& text, const std::string& origin) {
    if (auto lang = core::msg::parse(text)) return *lang;
    throw core::UsageError(core::msg::tr("window.lang.invalid", {{"origin", origin}, {"value", text}}));
}

Lang run_lang() { return core::msg::current(); }

Lang notify_lang(const core::config::Config& cfg, const std::optional<std::string>& flag, const core::Env& env) {
    // --lang and COMPUERTA_LANG decide for every output; notify.lang is the
    // configuration's word for notifications, before its `lang`.
    if (core::cli::language_forced(flag, env)) return run_lang();
    auto configured = core::config::read_output_settings(cfg).notify_lang;
    if (configured) return parse_lang(*configured, "notify.lang");
    return run_lang();
}

} // namespace compuerta::plugin::window
