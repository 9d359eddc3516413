#pragma once
// Text helpers, one copy each (split, join, trim, case). ASCII only: the
// inputs are identifiers, flags, headers and configuration values.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace compuerta::core::util {

// Splits on `sep`, keeping empty fields ("a,,b" -> a, "", b).
std::vector<std::string> split(std::string_view s, char sep);
// Splits a comma-separated list, trimming each field and dropping empty ones.
std::vector<std::string> split_list(std::string_view s, char sep = ',');
std::string join(const std::vector<std::string>& parts, std::string_view sep);
std::string trim(std::string_view s);
std::string lower(std::string s);
std::string upper(std::string s);
bool starts_with(std::string_view s, std::string_view prefix);
bool ends_with(std::string_view s, std::string_view suffix);
bool iequals(std::string_view a, std::string_view b);
// A byte count as the record shows it: "12.3 MiB".
std::string mib(std::uint64_t bytes);

} // namespace compuerta::core::util
