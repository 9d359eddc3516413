#include "smoke/sim/faults.hpp"

#include "core/config/config.hpp"
#include "core/messages/catalog.hpp"

#include <fmt/format.h>
#include <random>
#include <sstream>

namespace compuerta::smoke::sim {

namespace {

std::optional<std::uint64_t> parse_size(const std::string& s) {
    std::size_t end = 0;
    unsigned long long n = 0;
    try {
        n = std::stoull(s, &end);
    } catch (const std::exception&) {
        return std::nullopt;
    }
    std::string unit = s.substr(end);
    if (unit.empty() || unit == "B")
        return n;
    if (unit == "KB" || unit == "K")
        return n * 1024;
    if (unit == "MB" || unit == "M")
        return n * 1024 * 1024;
    if (unit == "GB" || unit == "G")
        return n * 1024 * 1024 * 1024;
    return std::nullopt;
}

} // namespace

std::optional<std::string> Faults::merge(const std::string& text) {
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ',')) {
        if (item.empty())
            continue;
        auto eq = item.find('=');
        std::string key = item.substr(0, eq);
        std::string value = eq == std::string::npos ? "" : item.substr(eq + 1);
        auto duration = [&]() -> std::optional<core::Millis> {
            return core::config::parse_duration(value);
        };
        auto dash = value.find('-');
        if (key == "delay" && dash != std::string::npos && dash > 0) {
            auto lo = core::config::parse_duration(value.substr(0, dash));
            auto hi = core::config::parse_duration(value.substr(dash + 1));
            if (!lo || !hi || *hi < *lo)
                return core::msg::tr("sim.fault.bad_range", {{"fault", item}});
            delay = *lo;
            delay_max = *hi;
        } else if (key == "delay" && duration()) {
            delay = *duration();
            delay_max = core::Millis(0);
        } else if (key == "status" &&
                   (value == "500" || value == "503" || value == "502" || value == "404"))
            status = std::stoi(value);
        else if (key == "reset" && value.empty())
            reset = true;
        else if (key == "hang" && value.empty())
            hang = true;
        else if (key == "malformed" && value.empty())
            malformed = true;
        else if (key == "wrong-type" && value.empty())
            wrong_type = true;
        else if (key == "slow-body" && duration())
            slow_body = *duration();
        else if (key == "huge" && parse_size(value))
            huge = *parse_size(value);
        else
            return core::msg::tr("sim.fault.unknown", {{"fault", item}});
    }
    return std::nullopt;
}

core::Millis Faults::pick_delay() const {
    if (delay_max <= delay)
        return delay;
    thread_local std::mt19937_64 gen{std::random_device{}()};
    std::uniform_int_distribution<long long> d(delay.count(), delay_max.count());
    return core::Millis(d(gen));
}

} // namespace compuerta::smoke::sim
