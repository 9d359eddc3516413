#include "core/util/json.hpp"

#include <nlohmann/json.hpp>

namespace compuerta::core::util {

std::string json_string(const nlohmann::json& object, const char* key) {
    if (!object.is_object())
        return {};
    auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string json_text(const nlohmann::json& object, const char* key) {
    if (!object.is_object())
        return {};
    auto it = object.find(key);
    if (it == object.end() || it->is_null())
        return {};
    return it->is_string() ? it->get<std::string>() : it->dump();
}

} // namespace compuerta::core::util
