#pragma once
// A point on the steady clock by which an operation must have returned.
#include <algorithm>
#include <chrono>

namespace compuerta::core {

using Millis = std::chrono::milliseconds;
using SteadyTime = std::chrono::steady_clock::time_point;

class Deadline {
  public:
    explicit Deadline(SteadyTime at) : m_at(at) {}
    static Deadline after(Millis d) { return Deadline(std::chrono::steady_clock::now() + d); }
    static Deadline never() { return Deadline(SteadyTime::max()); }

    SteadyTime at() const { return m_at; }
    bool expired() const { return std::chrono::steady_clock::now() >= m_at; }
    // Time left, never negative; a huge value for never().
    Millis remaining() const {
        if (m_at == SteadyTime::max()) return Millis(24L * 3600 * 1000);
        auto left = std::chrono::duration_cast<Millis>(m_at - std::chrono::steady_clock::now());
        return std::max(left, Millis(0));
    }
    Deadline earliest(const Deadline& other) const { return Deadline(std::min(m_at, other.m_at)); }

  private:
    SteadyTime m_at;
};

} // namespace compuerta::core
