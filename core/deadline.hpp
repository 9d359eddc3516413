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
        if (m_at == SteadyTime::max())
            return Millis(24L * 3600 * 1000);
        auto left = std::chrono::duration_cast<Millis>(m_at - std::chrono::steady_clock::now());
        return std::max(left, Millis(0));
    }
    // The earlier of the two; it remembers whether the run's deadline (see
    // for_run()) is the one that applies, so a message can name the right knob.
    Deadline earliest(const Deadline& other) const {
        if (other.m_at < m_at)
            return other;
        Deadline d(m_at);
        d.m_by_run = m_by_run || (other.m_by_run && other.m_at == m_at);
        return d;
    }
    // This deadline, marked as the whole run's (smoke.deadline, --deadline).
    Deadline for_run() const {
        Deadline d(m_at);
        d.m_by_run = m_at != SteadyTime::max();
        return d;
    }
    // What to do when this deadline ran out: core::deadline_advice() (core/ports/texts.hpp).
    bool by_run() const { return m_by_run; }

  private:
    SteadyTime m_at;
    bool m_by_run = false;
};

} // namespace compuerta::core
