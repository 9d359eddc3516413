#pragma once
// Reading one field of a JSON object (journal lines, reports), written once.
#include <nlohmann/json_fwd.hpp>
#include <string>

namespace compuerta::core::util {

// The field when it is a JSON string, else "" (absent, null, another type).
std::string json_string(const nlohmann::json& object, const char* key);
// The field as text: a string as it is, a number, boolean, array or object as
// its JSON text, "" when absent or null.
std::string json_text(const nlohmann::json& object, const char* key);
// A value as text, as json_text() gives a field.
std::string json_text(const nlohmann::json& value);

} // namespace compuerta::core::util
