#pragma once
// The `checklist` section, typed (core/config/section.hpp): how the checklist
// and the post-mortem link to evidence files (2 of issue 13).
#include "core/config/deferred.hpp"
#include "core/config/section.hpp"

#include <string>

namespace compuerta::core::config {

struct ChecklistSection {
    Deferred links_base_url; // its place names a bad ${VAR} value's error
};

const SectionDecl<ChecklistSection>& checklist_decl();

} // namespace compuerta::core::config
