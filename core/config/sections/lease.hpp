#pragma once
// The `lease` section, typed (core/config/section.hpp): where compuerta's
// deployment lease lives and when a lease is stale (docs/window.md).
#include "core/config/section.hpp"

#include <optional>
#include <string>

namespace compuerta::core::config {

struct LeaseSection {
    std::optional<std::string> dsn; // the lease store, as written; absent: database.dsn's server
    std::string database;           // database of database.dsn's server holding the table
    Millis max_age{0};              // older: stale, `window open --take-over` may take it
    Millis timeout{0};              // each lease operation (connect and query)
};

const SectionDecl<LeaseSection>& lease_decl();

} // namespace compuerta::core::config
