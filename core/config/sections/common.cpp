#include "core/config/schema.hpp"

namespace compuerta::core::config {

std::vector<Field> check_fields(std::vector<Field> extra) {
    std::vector<Field> f = {
        {"kind", s::str("Check kind."), true, ""},
        {"id", s::str("Unique id of the check within the suite."), false, ""},
        {"item", s::str("Plan item the check answers (\"6.1\")."), false, ""},
        {"name", s::str("Human name shown in reports."), false, ""},
        {"depends_on", s::list(s::str(), "Ids that must pass first; else skipped."), false, ""},
        {"timeout", s::duration("Per-check timeout (overrides smoke.timeout)."), false, ""},
    };
    f.insert(f.end(), extra.begin(), extra.end());
    return f;
}

} // namespace compuerta::core::config
