#pragma once
// Builds the smoke suite from the configuration and flags.
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

} // namespace compuerta::smoke
