#include "core/config/sections/checklist.hpp"

namespace compuerta::core::config {

const SectionDecl<ChecklistSection>& checklist_decl() {
    static const SectionDecl<ChecklistSection> decl = [] {
        using C = ChecklistSection;
        SectionDecl<C> d("checklist");
        d.optional_text("links_base_url", &C::links_base_url,
                        s::url("Base URL of evidence links, e.g. the CI job's artifacts "
                               "(${CI_JOB_URL}/artifacts/file): a file's path relative to the "
                               "working directory is appended. Default: links relative to the "
                               "report (--link-base overrides)."));
        return d;
    }();
    return decl;
}

NodePtr section_checklist() {
    return checklist_decl().schema();
}

} // namespace compuerta::core::config
