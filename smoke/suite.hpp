#pragma once
// Builds the smoke suite from the configuration and flags.
#include "core/ports/adapters.hpp"
#include "smoke/registry.hpp"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace compuerta::smoke {

struct Selection {
    std::vector<std::string> only; // ids or plan items
    std::vector<std::string> skip;
};

// The checks of smoke.checks (or, without any, one postgres check on the
// DSN from --dsn, database.dsn or the PG* variables), filtered by
// `selection`. Throws UsageError when --only/--skip match nothing, and
// ConfigError for invalid definitions.
// The id of a check without `id`: its kind, then kind-2, kind-3... for the
// second and later checks of that kind (`seen` counts per kind).
std::string default_check_id(const std::string& kind, std::map<std::string, int>& seen);

std::vector<std::shared_ptr<core::Check>> build_suite(const SuiteContext& ctx, const Selection& selection);

// What `smoke` would refuse when it builds its suite from `cfg`, every check
// at once: each definition through the same factory build_suite() uses (never
// run), then the dependencies between them. A definition that uses a variable
// not set here is left out (config check warns about it; the command checks
// it where it is used). Empty when the suite builds.
std::vector<std::string> suite_problems(const core::config::Config& cfg, const core::Env& env,
                                        const core::Adapters& adapters);

} // namespace compuerta::smoke
