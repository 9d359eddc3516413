#include "core/config/schema.hpp"

namespace compuerta::core::config {

NodePtr section_privacy() {
    return s::map({
        {"mask_personal_data",
         s::boolean("config.privacy.mask_personal_data"),
         false, ""},
    });
}

} // namespace compuerta::core::config
