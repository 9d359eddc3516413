#pragma once
// The cleanup ledger: a JSON file per transaction check, rewritten (atomic
// rename, mode 0600) before each HTTP step and after it captures, listing
// the cleanup requests owed so far. A run that ends normally removes it; a
// run killed with SIGKILL leaves it, and the next run replays it first.
// An entry whose step's request was in flight when the ledger was written
// names that request and its deadline: until then "nothing to delete" does
// not confirm the cleanup (the request may still commit).
#include "core/ports/http.hpp"

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace compuerta::smoke::transaction {

struct LedgerEntry {
    std::string step;                // the step that the cleanup undoes
    core::HttpRequest request;       // rendered (unless `missing` is set)
    std::vector<long> ok_status;
    std::string missing;             // why it could not be rendered yet ("unknown variable {{id}}")
    long long origin_pid = 0;                    // the run that owes it
    std::string origin_started;                  // RFC 3339
    std::map<std::string, std::string> identity; // pool values that run used (curp: ...)
    // Its step's request while in flight ("POST http://.../api/inscripciones"),
    // and that request's deadline in ms since the Unix epoch (0: none in flight).
    std::string waits_for;
    long long waits_until_ms = 0;
    // Owed by the running process; not stored (a loaded entry is an earlier run's).
    bool this_run = false;

    bool in_flight_at(std::chrono::system_clock::time_point t) const;
};

struct Ledger {
    std::string check;
    std::string scenario;
    long long pid = 0;
    std::string started;             // RFC 3339
    std::string current_step;        // the HTTP step in flight when written
    std::vector<LedgerEntry> entries;
};

class LedgerFile {
  public:
    explicit LedgerFile(std::filesystem::path path) : m_path(std::move(path)) {}
    const std::filesystem::path& path() const { return m_path; }
    // The ledger left by an earlier run, if any. Throws std::runtime_error
    // naming the file when it exists but cannot be read or parsed.
    std::optional<Ledger> load() const;
    // Writes atomically, mode 0600; throws std::runtime_error naming the file.
    void save(const Ledger& l) const;
    void remove() const;
    // Removes `<ledger>.tmp<PID>` files left by a killed save whose PID no
    // longer runs; returns how many. Temp files of live processes stay.
    int remove_stale_temps() const;

  private:
    std::filesystem::path m_path;
};

} // namespace compuerta::smoke::transaction
