#include "core/ports/clock.hpp"
#include "core/ports/env.hpp"

#include <cstdlib>

namespace compuerta::core {

std::optional<std::string> ProcessEnv::get(const std::string& name) const {
    const char* v = std::getenv(name.c_str());
    if (v == nullptr) return std::nullopt;
    return std::string(v);
}

} // namespace compuerta::core
