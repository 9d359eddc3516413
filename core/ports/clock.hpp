#pragma once
// Wall-clock time as a parameter, so reports and the journal are testable
// with a fixed clock. Timeouts always use the steady clock (core/deadline.hpp).
#include "core/util/time.hpp"

#include <chrono>
#include <string>

namespace compuerta::core {

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

} // namespace compuerta::core
