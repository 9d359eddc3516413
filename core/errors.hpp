#pragma once
// Exceptions are for misuse and fatal conditions only; each maps to an exit
// code in core/cli (DESIGN.md "Exit codes"). A failed check is data, not an
// exception.
#include <stdexcept>
#include <string>

namespace compuerta::core {

enum ExitCode : int {
    k_exit_ok = 0,
    k_exit_failed = 1,
    k_exit_usage = 2,
    k_exit_cannot_evaluate = 3,
    k_exit_pending = 4, // waiting for a human decision: nothing failed, nothing changed since
};

// Combines two exit codes by precedence: 2 over 1 over 3 over 4 over 0.
int combine_exit_codes(int a, int b) noexcept;

// Base of every error that carries its own exit code.
class ExitError : public std::runtime_error {
  public:
    ExitError(int code, const std::string& message) : std::runtime_error(message), m_code(code) {}
    int code() const noexcept { return m_code; }

  private:
    int m_code;
};

// Bad flags, unknown command, unwritable output path: exit 2, nothing checked.
class UsageError : public ExitError {
  public:
    explicit UsageError(const std::string& message) : ExitError(k_exit_usage, message) {}
};

// Invalid configuration (message starts with file:line:column when known): exit 2.
class ConfigError : public ExitError {
  public:
    explicit ConfigError(const std::string& message) : ExitError(k_exit_usage, message) {}
};

// A prerequisite for evaluating or acting is missing: exit 3, retry or fix.
class CannotEvaluate : public ExitError {
  public:
    explicit CannotEvaluate(const std::string& message)
        : ExitError(k_exit_cannot_evaluate, message) {}
};

// Waiting for a human decision (a rollback that needs approval, a required
// sign-off not given yet): exit 4, nothing failed and nothing changed.
class PendingDecision : public ExitError {
  public:
    explicit PendingDecision(const std::string& message) : ExitError(k_exit_pending, message) {}
};

} // namespace compuerta::core
