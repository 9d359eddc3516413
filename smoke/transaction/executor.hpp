#pragma once
// Runs one scenario: replays an unfinished ledger first, then the steps in
// order (SQL in one transaction, HTTP with captures), stops at the first
// failure or signal, rolls the SQL back, runs the owed cleanups in reverse
// order and removes the ledger when they all succeeded.
#include "core/model.hpp"
#include "core/ports/db.hpp"
#include "core/ports/http.hpp"
#include "smoke/transaction/ledger.hpp"
#include "smoke/transaction/scenario.hpp"
#include "smoke/transaction/template.hpp"

namespace compuerta::smoke::transaction {

struct ExecutorOptions {
    std::string check_id;
    std::string dsn;      // SQL steps
    std::string base_url; // HTTP steps' relative paths
    std::vector<std::pair<std::string, std::string>>
        headers;                          // added to every request (also replays)
    Vars vars;                            // override the scenario's
    std::filesystem::path ledger;         // the ledger file
    core::Millis cleanup_timeout{10'000}; // each cleanup request, even past the check's deadline
    int kill_after_step = 0;              // test hook (COMPUERTA_TEST_KILL_AFTER_STEP)
    int kill_signal = 9; // test hook (COMPUERTA_TEST_KILL_SIGNAL): SIGKILL, SIGTERM or SIGINT
};

// Evaluates the scenario once by `deadline`. Never throws for a failed step.
core::Outcome execute(const Scenario& sc, const ExecutorOptions& opts, core::Db& db,
                      core::Http& http, const core::Deadline& deadline);

// Checks an HTTP response against `e`; empty when it passes, else what differs.
std::string check_http(const Expect& e, const core::HttpResponse& r);
// Checks SQL rows against `e`.
std::string check_sql(const Expect& e, const core::SqlRows& r);
// Extracts the captures of a step; an error names the capture that found nothing.
core::Result<Vars> capture_http(const std::vector<Capture>& caps, const core::HttpResponse& r);
core::Result<Vars> capture_sql(const std::vector<Capture>& caps, const core::SqlRows& r);

} // namespace compuerta::smoke::transaction
