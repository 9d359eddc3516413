#include "core/config/schema.hpp"

namespace compuerta::core::config {

std::vector<Field> check_fields(std::vector<Field> extra) {
    std::vector<Field> f = {
        {"kind", s::str("config.smoke.checks.kind"), true, ""},
        {"id", s::str("config.smoke.checks.id"), false, ""},
        {"item", s::str("config.smoke.checks.item"), false, ""},
        {"name", s::str("config.smoke.checks.name"), false, ""},
        {"depends_on", s::list(s::str(), "config.smoke.checks.depends_on"), false, ""},
        {"timeout", s::duration("config.smoke.checks.timeout"), false, ""},
    };
    f.insert(f.end(), extra.begin(), extra.end());
    return f;
}

} // namespace compuerta::core::config
