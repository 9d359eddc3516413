#pragma once
// The journal read back as the plan's record: each row's status, when, by
// whom, how long, with what evidence (docs/journal-events.md is the contract).
#include "core/journal.hpp"
#include "core/ports/clock.hpp"

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace compuerta::plugin::window {

// Worst last: the order a row's events combine in. not_needed is never
// journaled: a rollback row of a deployment that needed none (row_status()).
enum class RowState { open, not_needed, skipped, running, done, warn, failed };

struct RowStatus {
    RowState state = RowState::open;
    core::WallTime first{}; // earliest event
    core::WallTime last{};  // latest event
    std::string actor;      // of the latest event (signoff: `by`)
    long long duration_ms = -1; // sum of the events' durations; -1 unknown
    std::vector<std::pair<std::string, std::string>> evidence; // key, value (paths, URLs, facts)
    std::vector<std::string> summaries; // one line per contributing event (latest per source)
    std::string headline; // the one sentence a person reads: the summary of the event that decided the state
    long long headline_event = -1; // that event's index in Record::events (row_status() tells it in the reader's language)
    std::vector<std::string> notes;     // sign-off notes
};

struct Record {
    std::map<std::string, RowStatus> rows; // by plan item
    std::vector<nlohmann::json> events;    // every event, by time
    std::vector<std::string> problems;     // corrupt lines etc. (file:line)
    std::string release;                   // deploy.start/deploy.done, else window.release
    std::string previous_release;
    std::string environment;
    std::string window_start, window_end;  // planned (window.open)
    bool rolled_back = false;              // any rollback.* event
    bool deploy_failed = false;            // a failed step of the window, or a rollback
};

// The status one event status means ("ok" -> done, "started" -> running ...).
RowState state_of(const std::string& event, const std::string& status);
// The plan items an event answers: its own `item`, else by event name
// (deploy.done also closes 4).
std::vector<std::string> items_of(const nlohmann::json& event);

Record build_record(const core::JournalRead& journal);

} // namespace compuerta::plugin::window
