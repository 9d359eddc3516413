#pragma once
// Time helpers, one copy each: RFC 3339 for machine outputs, civil time to
// a time point, durations for people.
#include <chrono>
#include <ctime>
#include <string>

namespace compuerta::core {

using WallTime = std::chrono::system_clock::time_point;

// RFC 3339 UTC with milliseconds: "2026-11-28T17:05:24.123Z".
std::string format_rfc3339(WallTime t);
// UTC without zone, for Ant's strict JUnit: "2026-11-28T17:05:24".
std::string format_utc_zoneless(WallTime t);
// Parses RFC 3339 ("...Z" or "+hh:mm", optional fraction); false on bad input.
bool parse_rfc3339(const std::string& s, WallTime& out);

namespace util {
// A broken-down civil time (month 1-12), for timegm/mktime.
std::tm civil_tm(int year, int month, int day, int hour, int minute, int second);
// A UTC civil date and time (month 1-12) minus `offset_s` seconds east of UTC.
WallTime from_civil_utc(int year, int month, int day, int hour, int minute, int second,
                        long offset_s = 0, long millis = 0);
} // namespace util

} // namespace compuerta::core
