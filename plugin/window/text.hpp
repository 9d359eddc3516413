#pragma once
// Human text of the window, Spanish by default and English: checklist
// labels and the built-in notification templates.
#include "plugin/window/plan.hpp"
#include "plugin/window/record.hpp"

#include <string>

namespace compuerta::plugin::window {

struct Labels {
    const char* title;            // "Plan y Checklist de Despliegue a Producción"
    const char* postmortem_title; // "Post-mortem del despliegue"
    const char* team;             // "Equipo Responsable"
    const char* role;
    const char* names;
    const char* pre;              // section 3
    const char* exec;             // section 4
    const char* rollback;         // section 5
    const char* task;
    const char* step;
    const char* responsible;
    const char* state;
    const char* when;
    const char* actor;
    const char* duration;
    const char* evidence;
    const char* timeline;
    const char* problems;
    const char* release;
    const char* previous_release;
    const char* environment;
    const char* window;
    const char* generated;
    const char* failed_checks;
    const char* no_failed_checks;
    const char* commits;
    const char* rollback_did;
    const char* no_rollback;
    const char* root_cause;
    const char* actions;
    const char* lessons;
    const char* to_fill;          // "(por completar)"
    const char* empty_journal;
    const char* event;
    const char* summary;
    const char* this_document;
    const char* raw_facts;        // "Datos" (the folded raw evidence)
};

const Labels& labels(Lang lang);
// "hecho", "fallido", "omitido", "pendiente", "en curso", "con aviso".
const char* state_label(RowState s, Lang lang);
// Markdown/plain mark: "[x]", "[!]", "[-]", "[ ]", "[~]", "[x]".
const char* state_mark(RowState s);

// Built-in notification templates ({release} {environment} {window_start}
// {window_end} {result} {pipeline_url} {report_url}).
struct MessageTemplate {
    std::string subject;
    std::string body;
};
MessageTemplate builtin_template(const std::string& kind, Lang lang);

} // namespace compuerta::plugin::window
