#pragma once
// The audit journal (DESIGN.md "Journal"): a directory of JSON Lines files,
// one per process run, named RUN-JOB-PID.jsonl; one event per line, written
// with a single append so concurrent writers never interleave.
#include "core/ports/clock.hpp"
#include "core/ports/env.hpp"

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace compuerta::core {

// Who and where: filled from GitLab/Jenkins variables when present.
struct RunIdentity {
    std::string run;         // COMPUERTA_RUN, CI_PIPELINE_ID, BUILD_TAG, or generated
    std::string job;         // CI_JOB_ID, BUILD_NUMBER, or "local"
    std::string actor;       // GITLAB_USER_LOGIN, BUILD_USER_ID, USER
    std::string tag;         // CI_COMMIT_TAG, TAG_NAME
    std::string commit;      // CI_COMMIT_SHA, GIT_COMMIT
    std::string environment; // CI_ENVIRONMENT_NAME, COMPUERTA_ENVIRONMENT
    std::string pipeline_url;
    std::string host;

    static RunIdentity from_env(const Env& env, const Clock& clock);
    // The run named by the environment (COMPUERTA_RUN, CI_PIPELINE_ID,
    // BUILD_TAG, in that order); "" when none is set.
    static std::string explicit_run(const Env& env);
};

struct Event {
    std::string event;   // "check", "window.open", "backup.done", ...
    std::string item;    // plan item: "2.2", "6.3", "R2"
    std::string status;  // pass|warn|fail|error|skip|ok|started|...
    std::string summary; // one line
    std::string actor;   // empty: the run's actor
    std::optional<long long> duration_ms;
    nlohmann::json evidence = nlohmann::json::object();
    nlohmann::json extra = nlohmann::json::object(); // more top-level fields
};

class Journal {
  public:
    // Creates `dir` if needed; throws UsageError when it cannot be written.
    Journal(std::filesystem::path dir, RunIdentity id, std::string command, const Clock& clock);
    ~Journal();
    Journal(const Journal&) = delete;
    Journal& operator=(const Journal&) = delete;

    // Appends one line (masked). Throws ExitError(3) when the write fails.
    void append(const Event& e);
    const std::filesystem::path& file() const { return m_file; }
    const RunIdentity& identity() const { return m_id; }
    // The directory the journal uses: flag, else COMPUERTA_JOURNAL, else compuerta-journal.
    static std::filesystem::path resolve_dir(const std::optional<std::string>& flag, const Env& env);
    // Throws UsageError naming the directory when it cannot be created or written.
    static void check_writable(const std::filesystem::path& dir);

  private:
    std::filesystem::path m_dir;
    std::filesystem::path m_file;
    RunIdentity m_id;
    std::string m_command;
    const Clock& m_clock;
    int m_fd = -1;
};

struct JournalRead {
    std::vector<nlohmann::json> events; // merged from all files, ordered by ts (stable)
    std::vector<std::string> problems;  // "DIR/FILE.jsonl:12: not JSON (...); line skipped"
};

// Reads every *.jsonl file in `dir`. A missing directory is an empty journal
// with one problem line; corrupt lines are reported and skipped.
JournalRead read_journal(const std::filesystem::path& dir);

} // namespace compuerta::core
