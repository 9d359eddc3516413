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
    return it == object.end() ? std::string() : json_text(*it);
}

std::string json_text(const nlohmann::json& value) {
    if (value.is_null())
        return {};
    return value.is_string() ? value.get<std::string>() : value.dump();
}

} // namespace compuerta::core::util
