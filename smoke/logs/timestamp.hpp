#pragma once
// The timestamp at the start of a log line: ISO 8601 / RFC 3339
// ("2026-11-28T17:05:24.123Z", "2026-11-28 17:05:24,123 -0600"), optionally
// inside "[...]". Lines without a zone are read as UTC or local time.
#include "core/ports/clock.hpp"

#include <optional>
#include <string_view>

namespace compuerta::smoke::logs {

enum class Zone { utc, local };

std::optional<core::WallTime> line_timestamp(std::string_view line, Zone no_zone_as);

} // namespace compuerta::smoke::logs
