#pragma once
// Times a person reads, in local time: the configuration's `timezone` (an
// IANA name such as America/Mexico_City), else TZ, else the machine's zone
// (/etc/localtime), else UTC. Machine outputs (journal, JSON, JUnit) stay UTC
// (core/util/time.hpp). The zone database is the system's (tzdata), read by
// date's tz library: libstdc++ 12 has none.
#include "core/util/time.hpp"

#include <optional>
#include <string>

namespace compuerta::core::util {

// Whether `name` is a zone of the system's database.
bool known_zone(const std::string& name);
// The zone of this run's person-read times; an unknown name is refused
// (returns false and keeps the previous zone).
bool set_display_zone(const std::string& name);
// The zone in use, e.g. "America/Mexico_City".
std::string display_zone();
// `t` in the display zone, formatted by `pattern` (strftime's conversions, as
// date::format reads them: "%F" the day, "%T" the time, "%Z" the zone's abbreviation).
std::string local_text(WallTime t, const char* pattern);
// "2026-11-29 01:14:46 CST": `t` in the display zone, to the second, with
// the zone's abbreviation.
std::string local_time_text(WallTime t);
// "2026-11-29 01:14 CST" (no seconds), for tables and headlines.
std::string local_minute_text(WallTime t);
// The same for an RFC 3339 text read from the journal or the configuration;
// a text that is not one is returned as it is (it is shown, not lost).
std::string local_minute_text(const std::string& rfc3339);

} // namespace compuerta::core::util
