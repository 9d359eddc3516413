#include "core/config/sections/checklist.hpp"

namespace compuerta::core::config {

const SectionDecl<ChecklistSection>& checklist_decl() {
    static const SectionDecl<ChecklistSection> decl = [] {
        using C = ChecklistSection;
        SectionDecl<C> d("checklist");
        deferred(d, "links_base_url", &C::links_base_url,
                 s::url("config.checklist.links_base_url"));
        return d;
    }();
    return decl;
}

NodePtr section_checklist() {
    return checklist_decl().schema();
}

} // namespace compuerta::core::config
