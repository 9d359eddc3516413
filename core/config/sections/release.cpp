#include "core/config/sections/release.hpp"

namespace compuerta::core::config {

const SectionDecl<ReleaseSection>& release_decl() {
    static const SectionDecl<ReleaseSection> decl = [] {
        using R = ReleaseSection;
        SectionDecl<R> d("release");
        d.text("repo", &R::repo, ".", "config.release.repo")
            .optional_text("main_branch", &R::main_branch, s::str("config.release.main_branch"))
            .text("release_branch", &R::release_branch, "release/v{major}.{minor}",
                  "config.release.release_branch");
        deferred(d, "tag_pattern", &R::tag_pattern,
                 s::with_default(s::str("config.release.tag_pattern"), "vMAJOR.MINOR.PATCH"));
        d.boolean("allow_lightweight", &R::allow_lightweight, false,
                  "config.release.allow_lightweight")
            .text("version_file", &R::version_file, "", "config.release.version_file");
        return d;
    }();
    return decl;
}

NodePtr section_release() {
    return release_decl().schema();
}

} // namespace compuerta::core::config
