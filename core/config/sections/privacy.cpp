#include "core/config/schema.hpp"

namespace compuerta::core::config {

NodePtr section_privacy() {
    return s::map({
        {"mask_personal_data",
         s::boolean("Mask CURPs, RFCs and e-mail addresses in every output (terminal, JUnit, JSON, "
                    "journal, "
                    "reports). Default true; set false only for local debugging, never in CI."),
         false, ""},
    });
}

} // namespace compuerta::core::config
