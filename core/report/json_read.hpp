#pragma once
// Reading a command's --json report back (the typed result of one command run
// by another: the rollback reads what db restore, smoke, maintenance, notify
// and checklist report, never their exit codes alone).
#include "core/model.hpp"
#include "core/result.hpp"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace compuerta::core::report {

struct ReportedCheck {
    std::string suite; // "compuerta.db.restore"
    std::string id;
    std::string item;
    std::string name;
    Status status = Status::error;
    std::string message;
    std::map<std::string, std::string> evidence; // numbers and booleans as their JSON text
};

struct ReadReport {
    int exit_code = -1;
    std::string error;                 // why it stopped before any check (render_json_error), else ""
    std::vector<ReportedCheck> checks; // every suite's checks, in order
};

// Parses what render_json() wrote. Error (naming `origin`) when it is not such
// a report: not JSON, no "suites", a check without id or with an unknown status.
Result<ReadReport> parse_json_report(std::string_view text, const std::string& origin);

} // namespace compuerta::core::report
