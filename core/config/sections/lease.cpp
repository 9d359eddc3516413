#include "core/config/sections/lease.hpp"

namespace compuerta::core::config {

const SectionDecl<LeaseSection>& lease_decl() {
    static const SectionDecl<LeaseSection> decl = [] {
        using L = LeaseSection;
        SectionDecl<L> d("lease");
        d.optional_text("dsn", &L::dsn,
                        s::dsn("config.lease.dsn"))
            .text("database", &L::database, "postgres",
                  "config.lease.database")
            .duration("max_age", &L::max_age, "12h",
                      "config.lease.max_age")
            .duration("timeout", &L::timeout, "5s",
                      "config.lease.timeout");
        return d;
    }();
    return decl;
}

NodePtr section_lease() {
    return lease_decl().schema();
}

} // namespace compuerta::core::config
