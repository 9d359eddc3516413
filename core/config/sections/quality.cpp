#include "core/config/schema.hpp"

namespace compuerta::core::config {

NodePtr section_quality() {
    return s::map({
        {"qa", s::map({
                   {"reports", s::list(s::str(), "Globs of the QA stage's JUnit reports."), false, ""},
                   {"min_tests", s::integer("Fewest test cases accepted (default 1)."), false, ""},
               }),
         false, ""},
        {"defects", s::map({
                        {"max", s::integer("Most open critical defects accepted (default 0)."), false, ""},
                        {"min", s::integer("Fewest accepted (default 0)."), false, ""},
                    }),
         false, ""},
    });
}

NodePtr section_environment() {
    return s::map({
        {"name", s::str("Environment name, e.g. produccion."), false, ""},
        {"required_env", s::list(s::str(), "Variables that must be set and non-empty."), false, ""},
    });
}

} // namespace compuerta::core::config
