#pragma once
// Retry-After (RFC 9110 10.2.3) of a 429 or 503 answer: how long the server
// asked the client to wait.
#include "core/deadline.hpp"

#include <chrono>
#include <optional>
#include <string_view>

namespace compuerta::smoke::checks {

// Delay-seconds ("120") or an HTTP-date ("Sun, 29 Nov 2026 09:00:00 GMT",
// relative to `now`; a past date is zero). nullopt when unparsable.
std::optional<core::Millis> parse_retry_after(std::string_view value,
                                              std::chrono::system_clock::time_point now);

} // namespace compuerta::smoke::checks
