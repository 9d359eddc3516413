#pragma once
// The plan's own rows (../shared/seed/plan-de-despliegue.md sections 3, 4
// and 5; docs/plan-items.md), in Spanish and English, with their roles; plus
// the rows a site adds in compuerta.yml (plan.rows).
#include "core/config/config.hpp"
#include "core/config/sections/plan.hpp"
#include "core/messages/lang.hpp"
#include "core/ports/env.hpp"

#include <map>
#include <string>
#include <vector>

namespace compuerta::plugin::window {

// The catalog's languages (core/messages/lang.hpp).
using Lang = core::msg::Lang;
enum class Section { pre, exec, rollback };

struct PlanRow {
    std::string id;       // "1.1", "6", "R2"
    Section section = Section::pre;
    std::string group_es; // sub-heading within the section ("Comunicación"), empty for none
    std::string group_en;
    std::string task_es;
    std::string task_en;
    std::string role;     // key into role_name(): lider, todos, infra, dev_infra, qa, qa_lead, dev_lead, dba, equipo
    bool manual = false;  // answered by a human sign-off
    bool heading = false; // printed bold (steps 1, 6, 7 of the execution plan)

    const std::string& task(Lang l) const { return l == Lang::en && !task_en.empty() ? task_en : task_es; }
    const std::string& group(Lang l) const { return l == Lang::en ? group_en : group_es; }
};

// The rows of the plan, in its order.
const std::vector<PlanRow>& builtin_plan();
// The plan's rows plus plan.rows from the configuration (appended to their
// section). Throws ConfigError when a configured row repeats an id.
std::vector<PlanRow> plan_rows(const core::config::PlanSection& plan);
// The same, reading the plan section of `cfg`.
std::vector<PlanRow> plan_rows(const core::config::Config& cfg);
// The row with `id`, or nullptr.
const PlanRow* find_row(const std::vector<PlanRow>& rows, const std::string& id);

// "Líder de Despliegue" / "Deployment lead" (window.role.*); an unknown key is shown as is.
std::string role_name(const std::string& role, Lang lang);
// People per role from plan.roles (role key -> names).
std::map<std::string, std::vector<std::string>> role_people(const core::config::PlanSection& plan);

// "es"/"en" (anything else: UsageError naming `origin`).
Lang parse_lang(const std::string& text, const std::string& origin);
// The run's language (core/cli/language.hpp: --lang, COMPUERTA_LANG, the
// configuration's lang or plan.lang, the locale, else English).
Lang run_lang();
// The notifications' language: the run's, unless notify.lang says otherwise
// and neither --lang nor COMPUERTA_LANG was given.
Lang notify_lang(const core::config::Config& cfg, const std::optional<std::string>& flag, const core::Env& env);

} // namespace compuerta::plugin::window
