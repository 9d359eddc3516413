#pragma once
// The cleanup ledger: a JSON file per transaction check, rewritten (atomic
// rename, mode 0600) before each HTTP step and after it captures, listing
// the cleanup requests owed so far. A run that ends normally removes it; a
// run killed with SIGKILL leaves it, and the next run replays it first.
#include "core/ports/http.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace compuerta::smoke::transaction {

struct LedgerEntry {
    std::string step;                // the step that the cleanup undoes
    core::HttpRequest request;       // rendered (unless `missing` is set)
    std::vector<long> ok_status;
    std::string missing;             // why it could not be rendered yet ("unknown variable {{id}}")
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

  private:
    std::filesystem::path m_path;
};

} // namespace compuerta::smoke::transaction
