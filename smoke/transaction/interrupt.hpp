#pragma once
// SIGINT/SIGTERM while a transaction check runs: instead of dying with its
// test data in place, the process notes the signal; the check stops after
// the current step, runs its cleanups and fails. Outside transaction checks
// the signals keep their default action.
namespace compuerta::smoke::transaction {

// Installs the handlers while at least one guard lives (thread-safe).
class InterruptGuard {
  public:
    InterruptGuard();
    ~InterruptGuard();
    InterruptGuard(const InterruptGuard&) = delete;
    InterruptGuard& operator=(const InterruptGuard&) = delete;
};

// The signal received while guarded (0: none).
int interrupt_signal() noexcept;

// Test hook: raises `sig` (SIGKILL unless COMPUERTA_TEST_KILL_SIGNAL says
// TERM or INT) when `step` (1-based) equals `kill_after`
// (COMPUERTA_TEST_KILL_AFTER_STEP); 0 disables it.
void test_kill_point(int step, int kill_after, int sig) noexcept;

} // namespace compuerta::smoke::transaction
