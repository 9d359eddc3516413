#include "smoke/logs/timestamp.hpp"

#include "core/util/time.hpp"

#include <ctime>

namespace compuerta::smoke::logs {

namespace {

bool digits(std::string_view s, std::size_t at, std::size_t n, int& out) {
    if (at + n > s.size()) return false;
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) {
        char c = s[i];
        if (c < '0' || c > '9') return false;
        v = v * 10 + (c - '0');
    }
    out = v;
    return true;
}

} // namespace

std::optional<core::WallTime> line_timestamp(std::string_view line, Zone no_zone_as) {
    std::size_t p = 0;
    if (!line.empty() && line[0] == '[') p = 1;
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
    if (!digits(line, p, 4, y) || line.size() < p + 19 || line[p + 4] != '-' || !digits(line, p + 5, 2, mo) ||
        line[p + 7] != '-' || !digits(line, p + 8, 2, d) || (line[p + 10] != 'T' && line[p + 10] != ' ') ||
        !digits(line, p + 11, 2, h) || line[p + 13] != ':' || !digits(line, p + 14, 2, mi) || line[p + 16] != ':' ||
        !digits(line, p + 17, 2, sec))
        return std::nullopt;
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return std::nullopt;
    p += 19;
    long millis = 0;
    if (p < line.size() && (line[p] == '.' || line[p] == ',')) {
        ++p;
        int scale = 100;
        while (p < line.size() && line[p] >= '0' && line[p] <= '9') {
            if (scale > 0) millis += (line[p] - '0') * scale;
            scale /= 10;
            ++p;
        }
    }
    if (p < line.size() && line[p] == ' ') ++p;
    long offset_s = 0;
    bool zoned = false;
    if (p < line.size() && line[p] == 'Z') {
        zoned = true;
    } else if (p < line.size() && (line[p] == '+' || line[p] == '-')) {
        int oh = 0, om = 0;
        std::size_t q = p + 1;
        if (digits(line, q, 2, oh)) {
            q += 2;
            if (q < line.size() && line[q] == ':') ++q;
            if (digits(line, q, 2, om)) {
                zoned = true;
                offset_s = (oh * 3600L + om * 60L) * (line[p] == '-' ? -1 : 1);
            }
        }
    }
    if (zoned || no_zone_as == Zone::utc) return core::util::from_civil_utc(y, mo, d, h, mi, sec, offset_s, millis);
    std::tm tm = core::util::civil_tm(y, mo, d, h, mi, sec);
    tm.tm_isdst = -1;
    return std::chrono::system_clock::from_time_t(std::mktime(&tm)) + std::chrono::milliseconds(millis);
}

} // namespace compuerta::smoke::logs
