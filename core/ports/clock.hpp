#pragma once
// Wall-clock time as a parameter, so reports and the journal are testable
// with a fixed clock. Timeouts always use the steady clock (core/deadline.hpp).
#include <chrono>
#include <string>

namespace compuerta::core {

using WallTime = std::chrono::system_clock::time_point;

class Clock {
  public:
    virtual ~Clock() = default;
    virtual WallTime now() const = 0;
};

class SystemClock final : public Clock {
  public:
    WallTime now() const override { return std::chrono::system_clock::now(); }
};

class FixedClock final : public Clock {
  public:
    explicit FixedClock(WallTime t) : m_t(t) {}
    WallTime now() const override { return m_t; }
    void advance(std::chrono::milliseconds d) { m_t += d; }

  private:
    WallTime m_t;
};

// RFC 3339 UTC with milliseconds: "2026-11-28T17:05:24.123Z".
std::string format_rfc3339(WallTime t);
// UTC without zone, for Ant's strict JUnit: "2026-11-28T17:05:24".
std::string format_utc_zoneless(WallTime t);
// Parses RFC 3339 ("...Z" or "+hh:mm", optional fraction); nullopt on bad input.
bool parse_rfc3339(const std::string& s, WallTime& out);

} // namespace compuerta::core
