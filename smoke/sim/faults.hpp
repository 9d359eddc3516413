#pragma once
// Fault injection for renapo-sim. A fault list is comma-separated:
//   delay=200ms      wait before answering
//   delay=0-2s       wait a random time in that range (uniform, per request)
//   status=500|503   answer with that status
//   reset            close the connection with a TCP reset after the request
//   hang             read the request, never answer
//   malformed        a body that does not parse, with the right content type
//   wrong-type       an HTML page instead of JSON/XML
//   slow-body=5s     send the headers, then trickle the body over that long
//   huge=100MB       a body of that size (streamed, never held in memory)
// Given by flag (--fault, every request) and per request in the
// X-Renapo-Sim-Fault header or the `fault` query parameter (added to the flag's).
#include "core/deadline.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace compuerta::smoke::sim {

struct Faults {
    core::Millis delay{0};
    core::Millis delay_max{0}; // over `delay`: a random wait in [delay, delay_max]
    int status = 0;
    bool reset = false;
    bool hang = false;
    bool malformed = false;
    bool wrong_type = false;
    std::optional<core::Millis> slow_body;
    std::uint64_t huge = 0; // bytes

    // Parses `text` over these faults. Error text names the bad item.
    std::optional<std::string> merge(const std::string& text);
    // The wait before this answer: `delay`, or a random one up to `delay_max`.
    core::Millis pick_delay() const;
};

} // namespace compuerta::smoke::sim
