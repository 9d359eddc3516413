#include "core/util/local_time.hpp"

#include <atomic>
#include <cstdlib>
#include <date/tz.h>

namespace compuerta::core::util {

namespace {

const date::time_zone* find(const std::string& name) {
    try {
        return date::locate_zone(name);
    } catch (const std::exception&) {
        return nullptr; // unknown name, or no zone database on this machine
    }
}

// TZ as POSIX programs read it (":America/Mexico_City" or a zone name),
// else the machine's /etc/localtime, else UTC.
const date::time_zone* machine_zone() {
    if (const char* tz = std::getenv("TZ"); tz != nullptr && *tz != '\0') {
        std::string name(tz[0] == ':' ? tz + 1 : tz);
        if (const auto* z = find(name))
            return z;
    }
    try {
        return date::current_zone();
    } catch (const std::exception&) {
        return find("UTC");
    }
}

std::atomic<const date::time_zone*>& zone_slot() {
    static std::atomic<const date::time_zone*> slot{machine_zone()};
    return slot;
}

} // namespace

std::string local_text(WallTime t, const char* pattern) {
    const date::time_zone* z = zone_slot().load();
    auto secs = std::chrono::time_point_cast<std::chrono::seconds>(t);
    if (z == nullptr)
        return date::format(pattern, secs); // no zone database at all: UTC (%Z says so)
    return date::format(pattern, date::make_zoned(z, secs));
}

bool known_zone(const std::string& name) {
    return find(name) != nullptr;
}

bool set_display_zone(const std::string& name) {
    const auto* z = find(name);
    if (z == nullptr)
        return false;
    zone_slot().store(z);
    return true;
}

std::string display_zone() {
    const auto* z = zone_slot().load();
    return z != nullptr ? std::string(z->name()) : "UTC";
}

std::string local_time_text(WallTime t) {
    return local_text(t, "%F %T %Z");
}
std::string local_minute_text(WallTime t) {
    return local_text(t, "%F %R %Z");
}

std::string local_minute_text(const std::string& rfc3339) {
    WallTime t{};
    if (rfc3339.empty() || !parse_rfc3339(rfc3339, t)) return rfc3339;
    return local_minute_text(t);
}

} // namespace compuerta::core::util
