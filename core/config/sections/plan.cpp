#include "core/config/schema.hpp"

namespace compuerta::core::config {

NodePtr section_plan() {
    return s::map({
        {"lang", s::choice({"es", "en"}, "config.plan.lang"), false, ""},
        {"roles", s::map_of(s::list(s::str()), "config.plan.roles"), false, ""},
        {"rows", s::list(s::map({
                     {"id", s::str("config.plan.rows.id"), true, ""},
                     {"section", s::choice({"pre", "exec", "rollback"}), false, ""},
                     {"task", s::str("config.plan.rows.task"), true, ""},
                     {"task_en", s::str("config.plan.rows.task_en"), false, ""},
                     {"role", s::str("config.plan.rows.role"), false, ""},
                     {"manual", s::boolean("config.plan.rows.manual"), false, ""},
                 })),
         false, "config.plan.rows"},
        {"signoffs", s::map_of(s::list(s::str()), "config.plan.signoffs"),
         false, ""},
    });
}

NodePtr section_window() {
    return s::map({
        {"start", s::str("config.window.start"), false, ""},
        {"end", s::str("config.window.end"), false, ""},
        {"environment", s::str("config.window.environment"), false, ""},
        {"release", s::str("config.window.release"), false, ""},
    });
}

} // namespace compuerta::core::config
