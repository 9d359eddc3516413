#pragma once
// The `smoke` section, typed (core/config/section.hpp). Each check's own
// keys are read by its kind's factory (smoke/registry.cpp), from the item.
#include "core/config/section.hpp"

#include <cstdint>
#include <optional>
#include <vector>

namespace compuerta::core::config {

struct SmokeSection {
    std::int64_t concurrency = 8;
    Millis timeout{0};
    std::optional<Millis> deadline;
    std::vector<Value> checks;
};

const SectionDecl<SmokeSection>& smoke_decl();

} // namespace compuerta::core::config
