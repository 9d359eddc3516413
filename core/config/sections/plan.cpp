#include "core/config/schema.hpp"

namespace compuerta::core::config {

NodePtr section_plan() {
    return s::map({
        {"lang", s::choice({"es", "en"}, "Language of checklist and notifications."), false, ""},
        {"roles", s::map_of(s::list(s::str()), "People per role (lider, infra, dev, qa, dba)."), false, ""},
        {"rows", s::list(s::map({
                     {"id", s::str("Row id, e.g. \"3.5\"."), true, ""},
                     {"section", s::choice({"pre", "exec", "rollback"}), false, ""},
                     {"task", s::str("Task text."), true, ""},
                     {"task_en", s::str("Task text in English (default: task)."), false, ""},
                     {"role", s::str("Responsible role."), false, ""},
                     {"manual", s::boolean("Needs a human sign-off."), false, ""},
                 })),
         false, "Extra rows beyond the plan's own."},
        {"signoffs", s::map_of(s::list(s::str()), "Gate name -> plan items whose sign-off it requires."),
         false, ""},
    });
}

NodePtr section_window() {
    return s::map({
        {"start", s::str("Planned start, RFC 3339."), false, ""},
        {"end", s::str("Planned end, RFC 3339."), false, ""},
        {"environment", s::str("Environment name (production)."), false, ""},
        {"release", s::str("Release tag deployed in this window."), false, ""},
    });
}

} // namespace compuerta::core::config
