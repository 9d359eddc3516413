#include "core/config/sections/lease.hpp"

namespace compuerta::core::config {

const SectionDecl<LeaseSection>& lease_decl() {
    static const SectionDecl<LeaseSection> decl = [] {
        using L = LeaseSection;
        SectionDecl<L> d("lease");
        d.optional_text("dsn", &L::dsn,
                        s::dsn("Lease store (libpq DSN or URI); absent: database.dsn's server and "
                               "credentials with the database lease.database."))
            .text("database", &L::database, "postgres",
                  "Database of database.dsn's server that holds the table compuerta_lease "
                  "(ignored with lease.dsn).")
            .duration("max_age", &L::max_age, "12h",
                      "A lease older than this is stale: `window open --take-over` may take it.")
            .duration("timeout", &L::timeout, "5s",
                      "Deadline of each lease operation (connect and query).");
        return d;
    }();
    return decl;
}

NodePtr section_lease() {
    return lease_decl().schema();
}

} // namespace compuerta::core::config
