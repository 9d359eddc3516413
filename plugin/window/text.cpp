#include "plugin/window/text.hpp"

namespace compuerta::plugin::window {

const Labels& labels(Lang lang) {
    static const Labels es{
        "Plan y Checklist de Despliegue a Producción", "Post-mortem del despliegue", "Equipo Responsable", "Rol",
        "Nombre(s)", "Checklist de Pre-Despliegue", "Plan de Ejecución del Despliegue",
        "Plan de Rollback (Contingencia)", "Tarea", "Paso", "Responsable", "Estado", "Cuándo", "Quién", "Duración",
        "Evidencia", "Línea de tiempo", "Problemas al leer el journal", "Versión", "Versión anterior", "Entorno",
        "Ventana", "Generado", "Verificaciones fallidas", "Ninguna verificación falló.",
        "Commits entre las dos etiquetas", "Lo que hizo el rollback", "No hubo rollback.", "Causa raíz",
        "Acciones", "Lecciones aprendidas", "(por completar)", "El journal está vacío: no hay eventos registrados.",
        "Evento", "Resumen", "este documento", "Datos"};
    static const Labels en{
        "Production Deployment Plan and Checklist", "Deployment post-mortem", "Team", "Role", "Name(s)",
        "Pre-deployment checklist", "Deployment execution plan", "Rollback plan (contingency)", "Task", "Step",
        "Responsible", "Status", "When", "Who", "Duration", "Evidence", "Timeline", "Problems reading the journal",
        "Release", "Previous release", "Environment", "Window", "Generated", "Failed checks", "No check failed.",
        "Commits between the two tags", "What the rollback did", "There was no rollback.", "Root cause", "Actions",
        "Lessons learned", "(to fill in)", "The journal is empty: no events recorded.", "Event", "Summary",
        "this document", "Facts"};
    return lang == Lang::en ? en : es;
}

const char* state_label(RowState s, Lang lang) {
    bool en = lang == Lang::en;
    switch (s) {
    case RowState::done: return en ? "done" : "hecho";
    case RowState::warn: return en ? "done, with warnings" : "hecho, con avisos";
    case RowState::failed: return en ? "failed" : "fallido";
    case RowState::skipped: return en ? "skipped" : "omitido";
    case RowState::running: return en ? "in progress" : "en curso";
    case RowState::not_needed: return en ? "not needed" : "no requerido";
    case RowState::open: break;
    }
    return en ? "open" : "pendiente";
}

const char* state_mark(RowState s) {
    switch (s) {
    case RowState::done:
    case RowState::warn: return "[x]";
    case RowState::failed: return "[!]";
    case RowState::skipped: return "[-]";
    case RowState::running: return "[~]";
    case RowState::not_needed: return "[-]";
    case RowState::open: break;
    }
    return "[ ]";
}

MessageTemplate builtin_template(const std::string& kind, Lang lang) {
    const std::string links_es = "\nPipeline: {pipeline_url}\nReporte: {report_url}\n";
    const std::string links_en = "\nPipeline: {pipeline_url}\nReport: {report_url}\n";
    if (lang == Lang::en) {
        if (kind == "window")
            return {"[{environment}] Maintenance window for {release}: {window_start} – {window_end}",
                    "Release {release} will be deployed to {environment}.\nWindow: {window_start} – {window_end}.\n"
                    "The application will be in maintenance mode during the window.\nStatus: {result}" +
                        links_en};
        if (kind == "success")
            return {"[{environment}] Deployment of {release} succeeded",
                    "Release {release} is in production ({environment}).\nWindow: {window_start} – {window_end}.\n"
                    "Result: {result}" + links_en};
        return {"[{environment}] Deployment of {release} rolled back",
                "The deployment of {release} to {environment} failed and was rolled back.\n"
                "Window: {window_start} – {window_end}.\nResult: {result}" + links_en};
    }
    if (kind == "window")
        return {"[{environment}] Ventana de mantenimiento para {release}: {window_start} – {window_end}",
                "Se desplegará la versión {release} en {environment}.\nVentana: {window_start} – {window_end}.\n"
                "La aplicación estará en modo mantenimiento durante la ventana.\nEstado: {result}" + links_es};
    if (kind == "success")
        return {"[{environment}] Despliegue de {release} exitoso",
                "La versión {release} está en producción ({environment}).\nVentana: {window_start} – {window_end}.\n"
                "Resultado: {result}" + links_es};
    return {"[{environment}] Despliegue de {release} revertido (rollback)",
            "El despliegue de {release} en {environment} falló y se revirtió (rollback).\n"
            "Ventana: {window_start} – {window_end}.\nResultado: {result}" + links_es};
}

} // namespace compuerta::plugin::window
