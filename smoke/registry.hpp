#pragma once
// The check kinds smoke knows: one row per kind (registry.cpp). Adding a
// kind: docs/adding-a-check.md.
#include "core/config/config.hpp"
#include "core/model.hpp"
#include "core/ports/env.hpp"
#include "core/ports/http.hpp"
#include "core/ports/postgres.hpp"
#include "core/ports/sql.hpp"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace compuerta::smoke {

// The ports checks use; tests pass fakes.
struct Ports {
    core::Postgres* postgres = nullptr;
    core::Http* http = nullptr;
    core::Sql* sql = nullptr; // the transaction check's SQL steps
};

// What a factory may read besides the check's own definition.
struct SuiteContext {
    const core::config::Config& config;
    const core::Env& env;
    Ports ports;
    core::Millis default_timeout{10'000};
    std::optional<std::string> dsn_flag; // --dsn
    std::optional<std::string> since = {};       // --since: window start of logs checks
    std::optional<std::string> journal_dir = {}; // --journal (else COMPUERTA_JOURNAL / default)
};

struct Kind {
    std::string item;      // default plan item
    std::string name;      // catalog id of the default human name
    std::string classname; // JUnit classname
    // Builds a check from its config entry (absent Value: all defaults).
    // Throws ConfigError naming the key for bad values.
    std::function<std::shared_ptr<core::Check>(const core::config::Value& def, core::CheckSpec spec,
                                                const SuiteContext& ctx)>
        make;
};

const std::map<std::string, Kind>& kinds();

// Fills id, item, name, classname, depends_on and timeout from `def` over
// the kind's defaults.
core::CheckSpec spec_from(const core::config::Value& def, const std::string& kind, const Kind& k,
                          const SuiteContext& ctx, const std::string& default_id);

} // namespace compuerta::smoke
