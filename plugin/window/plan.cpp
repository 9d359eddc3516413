#include "plugin/window/plan.hpp"

#include "core/errors.hpp"

#include "core/cli/language.hpp"
#include "core/config/output.hpp"
#include "core/messages/catalog.hpp"
#include <fmt/format.h>

namespace compuerta::plugin::window {

namespace {

PlanRow row(std::string id, Section s, std::string group_es, std::string group_en, std::string es, std::string en,
            std::string role, bool manual = false, bool heading = false) {
    return PlanRow{std::move(id), s, std::move(group_es), std::move(group_en), std::move(es), std::move(en),
                   std::move(role), manual, heading};
}

std::vector<PlanRow> make_plan() {
    const Section P = Section::pre, E = Section::exec, R = Section::rollback;
    return {
        row("1.1", P, "Comunicación", "Communication",
            "Notificar a los stakeholders sobre la ventana de mantenimiento",
            "Notify stakeholders of the maintenance window", "lider"),
        row("1.2", P, "Comunicación", "Communication", "Confirmar la disponibilidad del equipo de despliegue",
            "Confirm the deployment team's availability", "todos", true),
        row("2.1", P, "Entorno", "Environment", "Verificar que el entorno de producción cumple los requisitos",
            "Verify that production meets the requirements", "infra"),
        row("2.2", P, "Entorno", "Environment", "Realizar un backup completo de la base de datos de producción",
            "Take a full backup of the production database", "dba"),
        row("2.3", P, "Entorno", "Environment",
            "Asegurar que las credenciales y configuraciones de producción están listas",
            "Make sure production credentials and configuration are ready", "infra"),
        row("3.1", P, "Calidad y Código", "Quality and code",
            "Confirmar que la versión a desplegar ha pasado todas las pruebas de QA",
            "Confirm the release passed all QA tests", "qa_lead"),
        row("3.2", P, "Calidad y Código", "Quality and code", "Verificar que no hay defectos críticos pendientes",
            "Verify that no critical defects are open", "qa_lead"),
        row("3.3", P, "Calidad y Código", "Quality and code",
            "Fusionar la rama de la versión (`release/vX.X`) a la rama principal (`main`)",
            "Merge the release branch (`release/vX.X`) into `main`", "dev_lead"),
        row("3.4", P, "Calidad y Código", "Quality and code",
            "Crear una etiqueta (tag) de la versión en el repositorio de código",
            "Create the release tag in the code repository", "dev_lead"),
        row("1", E, "", "", "Iniciar Ventana de Mantenimiento", "Open the maintenance window", "lider", false, true),
        row("2", E, "", "", "Poner la aplicación en modo mantenimiento (si aplica)",
            "Put the application in maintenance mode (if applicable)", "infra"),
        row("3", E, "", "", "Ejecutar los scripts de migración de la base de datos (DDL/DML)",
            "Run the database migration scripts (DDL/DML)", "dba"),
        row("4", E, "", "", "Desplegar los nuevos artefactos de la aplicación (contenedores/binarios)",
            "Deploy the new application artefacts (containers/binaries)", "infra"),
        row("5", E, "", "", "Reiniciar los servicios de la aplicación", "Restart the application services", "infra"),
        row("6", E, "", "", "Verificación Post-Despliegue (Smoke Testing)", "Post-deployment verification (smoke testing)",
            "", false, true),
        row("6.1", E, "", "", "Validar la conectividad con la base de datos", "Check database connectivity", "dev_infra"),
        row("6.2", E, "", "", "Probar la conectividad con servicios externos (RENAPO)",
            "Check connectivity with external services (RENAPO)", "dev_infra"),
        row("6.3", E, "", "", "Realizar una transacción de prueba de cada tipo (inscripción, baja)",
            "Run one test transaction of each type (enrolment, withdrawal)", "qa"),
        row("6.4", E, "", "", "Monitorear los logs en busca de errores", "Watch the logs for errors", "todos"),
        row("7", E, "", "", "Finalizar Ventana de Mantenimiento", "Close the maintenance window", "", false, true),
        row("7.1", E, "", "", "Desactivar el modo mantenimiento", "Switch maintenance mode off", "infra"),
        row("7.2", E, "", "", "Comunicar a los stakeholders que el despliegue ha sido exitoso",
            "Tell stakeholders the deployment succeeded", "lider"),
        row("R1", R, "", "", "Decisión de Rollback: El Líder de Despliegue toma la decisión.",
            "Rollback decision: the deployment lead decides.", "lider"),
        row("R2", R, "", "", "Restaurar Base de Datos: Restaurar el backup de la BD tomado antes del despliegue.",
            "Restore the database: restore the backup taken before the deployment.", "dba"),
        row("R3", R, "", "",
            "Restaurar Aplicación: Desplegar la versión anterior de la aplicación desde la etiqueta (tag) "
            "correspondiente.",
            "Restore the application: deploy the previous release from its tag.", "infra"),
        row("R4", R, "", "",
            "Verificar: Realizar una verificación rápida para asegurar que el sistema está operativo en su estado "
            "anterior.",
            "Verify: check quickly that the system works in its previous state.", "qa"),
        row("R5", R, "", "", "Comunicar: Notificar a los stakeholders sobre el rollback y el estado del sistema.",
            "Communicate: tell stakeholders about the rollback and the system's state.", "lider"),
        row("R6", R, "", "", "Análisis Post-Mortem: Realizar un análisis de la causa raíz del fallo.",
            "Post-mortem: analyse the root cause of the failure.", "equipo"),
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
