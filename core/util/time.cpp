#include "core/util/time.hpp"

#include <cstdio>
#include <ctime>
#include <fmt/format.h>

namespace compuerta::core {

namespace {
std::tm utc_tm(WallTime t) {
    std::time_t secs = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    return tm;
}
} // namespace

std::string format_rfc3339(WallTime t) {
    std::tm tm = utc_tm(t);
    auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count() % 1000;
    if (ms < 0)
        ms += 1000;
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", tm.tm_year + 1900,
                       tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ms);
}

std::string format_utc_zoneless(WallTime t) {
    std::tm tm = utc_tm(t);
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", tm.tm_year + 1900, tm.tm_mon + 1,
                       tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

std::tm util::civil_tm(int year, int month, int day, int hour, int minute, int second) {
    std::tm tm{};
    tm.tm_year = year - 1900;
    tm.tm_mon = month - 1;
    tm.tm_mday = day;
    tm.tm_hour = hour;
    tm.tm_min = minute;
    tm.tm_sec = second;
    return tm;
}

WallTime util::from_civil_utc(int year, int month, int day, int hour, int minute, int second,
                              long offset_s, long millis) {
    std::tm tm = civil_tm(year, month, day, hour, minute, second);
    std::time_t secs = timegm(&tm) - offset_s;
    return std::chrono::system_clock::from_time_t(secs) + std::chrono::milliseconds(millis);
}

bool parse_rfc3339(const std::string& s, WallTime& out) {
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0, consumed = 0;
    if (std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &se, &consumed) !=
        6)
        return false;
    std::size_t pos = static_cast<std::size_t>(consumed);
    long millis = 0;
    if (pos < s.size() && s[pos] == '.') {
        ++pos;
        int digits = 0;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
            if (digits < 3)
                millis = millis * 10 + (s[pos] - '0');
            ++digits;
            ++pos;
        }
        for (; digits < 3; ++digits)
            millis *= 10;
    }
    long offset = 0;
    if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
        ++pos;
    } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
        int oh = 0, om = 0;
        if (std::sscanf(s.c_str() + pos + 1, "%2d:%2d", &oh, &om) != 2)
            return false;
        offset = (s[pos] == '+' ? 1 : -1) * (oh * 3600L + om * 60L);
        pos += 6;
    } else {
        return false;
    }
    if (pos != s.size())
        return false;
    out = util::from_civil_utc(y, mo, d, h, mi, se, offset, millis);
    return true;
}

} // namespace compuerta::core
