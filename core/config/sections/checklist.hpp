#pragma once
// The `checklist` section, typed (core/config/section.hpp): how the checklist
// and the post-mortem link to evidence files (2 of issue 13).
#include "core/config/section.hpp"

#include <optional>
#include <string>

namespace compuerta::core::config {

struct ChecklistSection {
    std::optional<std::string> links_base_url;
};

const SectionDecl<ChecklistSection>& checklist_decl();

} // namespace compuerta::core::config
