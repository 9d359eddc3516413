#pragma once
// The check kinds smoke knows: one row per kind (registry.cpp). Adding a
// kind: docs/adding-a-check.md.
#include "core/config/config.hpp"
#include "core/config/schema.hpp"
#include "core/config/section.hpp"
#include "core/model.hpp"
#include "core/ports/db.hpp"
#include "core/ports/env.hpp"
#include "core/ports/http.hpp"
#include "core/ports/postgres.hpp"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace compuerta::smoke {

// The ports checks use; tests pass fakes.
struct Ports {
    core::Postgres* postgres = nullptr;
    core::Http* http = nullptr;
    core::Db* db = nullptr; // the transaction check's SQL steps
};

// What a factory may read besides the check's own definition.
struct SuiteContext {
    const core::config::Config& config;
    const core::Env& env;
    Ports ports;
    core::Millis default_timeout{10'000};
    std::optional<std::string> dsn_flag;         // --dsn
    std::optional<std::string> since = {};       // --since: window start of logs checks
    std::optional<std::string> journal_dir = {}; // --journal (else COMPUERTA_JOURNAL / default)
};

struct Kind {
    std::string item;      // default plan item
    std::string name;      // catalog id of the default human name
    std::string classname; // JUnit classname
    // Builds a check from its config entry (absent Value: all defaults),
    // read with the kind's declaration. Throws ConfigError naming the key
    // for bad values.
    std::function<std::shared_ptr<core::Check>(const core::config::Value& def, core::CheckSpec spec,
                                               const SuiteContext& ctx)>
        make;
    // The map of the kind's own keys: its declaration's schema
    // (`x_decl().schema()`); check_schema() adds the keys every check has.
    core::config::NodePtr options;
};

const std::map<std::string, Kind>& kinds();

// The key that picks a check's kind, declared apart so that a definition
// whose other keys use an unset variable still counts for default ids.
struct CheckKind {
    std::string kind;
};
const core::config::SectionDecl<CheckKind>& check_kind_decl();

// The keys every check has besides `kind`; absent ones take the kind's
// defaults (spec_from()).
struct CheckCommon {
    std::optional<std::string> id;   // else default_check_id()
    std::optional<std::string> item; // else Kind::item
    std::optional<std::string> name; // else Kind::name, translated
    std::vector<std::string> depends_on;
    std::optional<core::Millis> timeout; // else smoke.timeout
};
const core::config::SectionDecl<CheckCommon>& check_common_decl();

// The schema of one kind's item of smoke.checks: `kind`, the common keys,
// then the kind's own (what define_config_rules() defines in core).
core::config::NodePtr check_schema(const Kind& k);

// Makes each kind of kinds() a kind of smoke.checks for core
// (core::config::define_check_kind(): validation, the reference). Before any
// compuerta.yml with checks loads: define_config_rules() calls it, and so do
// tests that load check definitions without smoke's other rules.
void define_check_kinds();

// Fills id, item, name, classname, depends_on and timeout from `def` over
// the kind's defaults.
core::CheckSpec spec_from(const core::config::Value& def, const std::string& kind, const Kind& k,
                          const SuiteContext& ctx, const std::string& default_id);

} // namespace compuerta::smoke
