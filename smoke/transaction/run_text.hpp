#pragma once
// What one run of a transaction check (plan item 6.3) did, turned into its
// result: the status (an interruption is `error`, never `pass`; a cleanup
// still unconfirmed is `warn`), the terminal line (which says what was
// replayed from an earlier run) and the evidence.
#include "core/model.hpp"
#include "smoke/transaction/cleanups.hpp"

#include <map>
#include <string>
#include <vector>

namespace compuerta::smoke::transaction {

struct RunText {
    std::string scenario;
    std::string ledger;  // its path
    int stale_temps = 0; // temp files of killed saves removed
    int replayed = 0;    // entries the earlier run left
    long long earlier_pid = 0;
    std::string earlier_started;
    std::vector<std::string> replay_done;        // steps whose earlier cleanup is confirmed
    long long waited_ms = 0;                     // waiting for in-flight requests' deadlines
    std::string conflict_retried;                // step retried after clearing a leftover
    std::map<std::string, std::string> identity; // pool values this run used
    std::string failure;                         // the failed step (empty: none)
    int signal = 0;                              // SIGINT/SIGTERM noted (0: none)
    std::string signal_where;                    // "before step \"Baja\"", ...
    std::vector<LedgerEntry> unconfirmed;        // left in the ledger at the end

    // Counts the earlier runs' cleanups that a sweep confirmed.
    void add_replay(const Cleanups::Sweep& s);
    void interrupted(int sig, std::string where);
    // A replayed cleanup failed: the check runs no step and fails.
    core::Outcome replay_failed(const std::vector<std::string>& problems) const;
    void add_evidence(core::Evidence& ev) const;
    core::Outcome outcome(const std::vector<std::string>& problems, std::size_t done, bool has_sql,
                          bool has_http, long long total_ms, core::Evidence ev) const;

    // "; replayed from an earlier run (pid 41, ...): 1 cleanup done (\"Inscripción\")", or empty.
    std::string replay_clause() const;
};

} // namespace compuerta::smoke::transaction
