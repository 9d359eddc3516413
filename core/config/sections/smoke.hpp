#pragma once
// The `smoke` section, typed (core/config/section.hpp). The keys of each
// check in `checks` are declared by its kind, in smoke (smoke/registry.cpp),
// which defines them here at start-up: core knows no check kind.
#include "core/config/section.hpp"

#include <cstdint>
#include <optional>
#include <vector>

namespace compuerta::core::config {

struct SmokeSection {
    std::int64_t concurrency = 8;
    Millis timeout{0};
    std::optional<Millis> deadline;
    std::vector<Value> checks; // each read by its kind's declaration (smoke/registry.cpp)
};

const SectionDecl<SmokeSection>& smoke_decl();

// Makes `kind` a kind of smoke.checks: `schema` is the map of its keys
// (kind, id, ... and its own), so validation, `config check --reference` and
// docs/configuration.md know it. smoke::define_config_rules() defines every
// kind of smoke/registry.cpp before any compuerta.yml loads. Defining a kind
// again replaces it (start-up only; not thread-safe).
void define_check_kind(const std::string& kind, NodePtr schema);

} // namespace compuerta::core::config
