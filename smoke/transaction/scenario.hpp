#pragma once
// The scenario model of the `transaction` check (plan item 6.3): a named
// list of steps. An SQL step runs in the scenario's one database
// transaction, which is always rolled back; an HTTP step calls the
// application, may capture values for later steps, and may declare a
// cleanup request that undoes it (run at the end, even after a failure or
// SIGINT/SIGTERM, and replayed from the ledger after a SIGKILL).
#include "core/ports/env.hpp"

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace compuerta::smoke::transaction {

// Where a captured value comes from.
struct Capture {
    enum class From { column, json, regex, header } from = From::column;
    std::string name; // variable
    std::string expr; // column name, JSON pointer, regex (group 1, else whole match), header name
};

struct RequestTemplate {
    std::string method = "GET";
    std::string url;  // absolute, or a path joined to base_url
    std::vector<std::pair<std::string, std::string>> headers;
    std::optional<nlohmann::json> json; // body as JSON (strings may hold {{var}})
    std::string body;                   // raw body when no json
    std::vector<long> ok_status;        // cleanup: statuses that count as done
};

struct Expect {
    std::optional<std::size_t> rows;                     // SQL: row count
    std::optional<long long> affected;                   // SQL: rows changed
    std::map<std::string, std::string> row;              // SQL: first row's values by column
    std::vector<long> status;                            // HTTP: any of
    std::vector<std::string> body_contains;              // HTTP
    std::map<std::string, std::string> json;             // HTTP: JSON pointer -> expected text
    std::map<std::string, std::string> headers;          // HTTP: header -> expected substring
};

struct Step {
    std::string name;
    std::string where; // "file:line" for messages
    // exactly one of sql / request
    std::optional<std::string> sql;
    std::vector<std::string> params;
    std::optional<RequestTemplate> request;
    Expect expect;
    std::vector<Capture> captures;
    std::optional<RequestTemplate> cleanup;
};

struct Scenario {
    std::string file;
    std::string name;
    std::map<std::string, std::string> vars;
    // Variables whose value each run takes from a pool (`pool: {curp: "A,B"}`),
    // a value no earlier run's unconfirmed cleanup still holds.
    std::map<std::string, std::vector<std::string>> pools;
    std::vector<std::pair<std::string, std::string>> headers; // every HTTP step
    std::vector<Step> steps;

    bool has_sql() const;
    bool has_http() const;
};

// Reads and validates a scenario file; `${VAR}` is expanded from `env` at
// load time, `{{name}}` at run time. Throws ConfigError with file:line for
// bad files, and for SQL that would end the transaction (COMMIT, ROLLBACK,
// BEGIN, ...).
Scenario load_scenario(const std::string& path, const core::Env& env);
Scenario parse_scenario(const std::string& text, const std::string& name, const core::Env& env);

// The first keyword of `sql` (comments skipped), upper-cased.
std::string first_keyword(const std::string& sql);

} // namespace compuerta::smoke::transaction
