#pragma once
// The check model: what a check is, and the flat result record every output
// (terminal, JUnit, JSON, journal) is rendered from.
#include "core/deadline.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace compuerta::core {

// Ordered from best to worst for reporting; see worst().
enum class Status { pass, skip, warn, error, fail };

std::string_view to_string(Status s) noexcept;
std::optional<Status> parse_status(std::string_view s) noexcept;
// The worse of two statuses: fail > error > warn > skip > pass.
Status worst(Status a, Status b) noexcept;
// Exit code for a set of statuses: any fail 1, else any error 3, else 0.
int exit_code_for(const std::vector<Status>& statuses) noexcept;

// One evidence value: its text (what terminal, JUnit and journal show) and
// what kind of value it is, so --json writes numbers and booleans as such.
// It is a std::string, so code that reads evidence as text keeps working;
// typed values come only from the named constructors.
class EvidenceValue : public std::string {
  public:
    enum class Kind { text, integer, decimal, boolean };
    using std::string::string;
    EvidenceValue(std::string text) : std::string(std::move(text)) {} // NOLINT: implicit on purpose
    static EvidenceValue integer(long long n) {
        return EvidenceValue(std::to_string(n), Kind::integer);
    }
    // `text` is how people read it ("0.25"); JSON gets the number.
    static EvidenceValue decimal(double x, std::string text) {
        return EvidenceValue(std::move(text), Kind::decimal, x);
    }
    // A duration as whole milliseconds (the `*_ms` evidence keys).
    static EvidenceValue millis(std::chrono::milliseconds d) { return integer(d.count()); }
    static EvidenceValue boolean(bool b) {
        return EvidenceValue(b ? "true" : "false", Kind::boolean);
    }
    Kind kind() const noexcept { return m_kind; }
    double number() const noexcept { return m_number; }

  private:
    EvidenceValue(std::string text, Kind k, double x = 0)
        : std::string(std::move(text)), m_kind(k), m_number(x) {}
    Kind m_kind = Kind::text;
    double m_number = 0;
};

using Evidence = std::vector<std::pair<std::string, EvidenceValue>>;

// What one run of a check found. Produced by Check::run.
struct Outcome {
    Status status = Status::pass;
    std::string message; // one line: what was found, and for a failure what to do
    std::string detail;  // longer body (JUnit failure body), may be empty
    Evidence evidence;   // key/value facts: latency_ms, server_version, ...
    std::string output;  // captured output (JUnit system-out), may be empty
    // Waiting for a human decision (a sign-off, an approval): status skip,
    // and the command exits 4 unless something worse happened.
    bool waiting = false;

    static Outcome make(Status s, std::string message, Evidence ev = {}) {
        Outcome o;
        o.status = s;
        o.message = std::move(message);
        o.evidence = std::move(ev);
        return o;
    }
};

// The identity and scheduling of a check.
struct CheckSpec {
    std::string id;        // unique within a run: "db", "renapo-json"
    std::string item;      // plan item: "6.1", "3.3", "R2"
    std::string name;      // human name, Spanish by default: "Conexión a la base de datos"
    std::string classname; // JUnit classname: "smoke.postgres", "gate.release"
    std::vector<std::string> depends_on; // ids that must pass (or warn) first
    Millis timeout{10'000};              // per-check timeout
    Status on_timeout = Status::fail;    // status when the runner must give up on it
};

// One result record: spec + outcome + timing.
struct CheckResult {
    std::string id;
    std::string item;
    std::string name;
    std::string classname;
    Status status = Status::pass;
    std::string message;
    std::string detail;
    Evidence evidence;
    std::string output;
    Millis duration{0};
    std::chrono::system_clock::time_point started{};
    bool waiting = false; // see Outcome::waiting

    // "6.1 Conexión a la base de datos": the JUnit testcase name.
    std::string title() const { return item.empty() ? name : item + " " + name; }
    static CheckResult from(const CheckSpec& spec, Outcome outcome);
};

// Exit code for finished results: any fail 1, else any error 3, else any
// result waiting for a human decision 4, else 0.
int exit_code_for(const std::vector<CheckResult>& results) noexcept;

// A check: re-runnable, thread-compatible (one run at a time per object).
class Check {
  public:
    explicit Check(CheckSpec spec) : m_spec(std::move(spec)) {}
    virtual ~Check() = default;
    Check(const Check&) = delete;
    Check& operator=(const Check&) = delete;

    const CheckSpec& spec() const noexcept { return m_spec; }
    CheckSpec& spec() noexcept { return m_spec; }

    // Evaluates once. Must return by `deadline` (the earlier of the check's
    // timeout and the run's deadline), naming the phase that ran out of time.
    // Failures are returned as Outcome; exceptions are reported as `error`.
    virtual Outcome run(const Deadline& deadline) = 0;

  private:
    CheckSpec m_spec;
};

} // namespace compuerta::core
