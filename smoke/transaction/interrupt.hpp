#pragma once
// SIGINT/SIGTERM while a transaction check runs: instead of dying with its
// test data in place, the process notes the signal; the check stops after
// the current step, runs its cleanups and ends as interrupted (`error`,
// never `pass`). Outside transaction checks the signals keep their default
// action. A signal noted but never reported by a check (it arrived after
// the check's last look) is raised again, with its default action, when the
// last guard goes: the process never exits 0 after it.
namespace compuerta::smoke::transaction {

// Installs the handlers while at least one guard lives (thread-safe).
class InterruptGuard {
  public:
    InterruptGuard();
    ~InterruptGuard();
    InterruptGuard(const InterruptGuard&) = delete;
    InterruptGuard& operator=(const InterruptGuard&) = delete;
};

// The signal received while guarded (0: none). Cleared when the first guard
// of a quiet process is installed.
int interrupt_signal() noexcept;
// A check has turned the signal into its result (see above).
void interrupt_reported() noexcept;

// Test hook: raises `sig` (SIGKILL unless COMPUERTA_TEST_KILL_SIGNAL says
// TERM or INT) when `step` (1-based) equals `kill_after`
// (COMPUERTA_TEST_KILL_AFTER_STEP; -1: after the final cleanups were sent,
// "cleanup" in the variable); 0 disables it.
void test_kill_point(int step, int kill_after, int sig) noexcept;

} // namespace compuerta::smoke::transaction
