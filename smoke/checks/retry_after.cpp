#include "smoke/checks/retry_after.hpp"

#include <cctype>
#include <ctime>
#include <string>

namespace compuerta::smoke::checks {

std::optional<core::Millis> parse_retry_after(std::string_view value,
                                              std::chrono::system_clock::time_point now) {
    while (!value.empty() && std::isspace(static_cast<unsigned char>(value.front())))
        value.remove_prefix(1);
    while (!value.empty() && std::isspace(static_cast<unsigned char>(value.back())))
        value.remove_suffix(1);
    if (value.empty())
        return std::nullopt;
    bool digits = true;
    for (char c : value)
        digits = digits && std::isdigit(static_cast<unsigned char>(c));
    if (digits) {
        if (value.size() > 9)
            return std::nullopt; // over 31 years: not a delay anyone meant
        return core::Millis(std::stoll(std::string(value)) * 1000);
    }
    std::tm tm{};
    std::string text(value);
    const char* end = ::strptime(text.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
    if (end == nullptr || *end != '\0')
        return std::nullopt;
    auto at = std::chrono::system_clock::from_time_t(::timegm(&tm));
    if (at <= now)
        return core::Millis(0);
    return std::chrono::duration_cast<core::Millis>(at - now);
}

} // namespace compuerta::smoke::checks
