#pragma once
// 2.1: the production PostgreSQL server meets the requirements: version,
// extensions installed, settings as configured. One connection, one query.
#include "core/model.hpp"
#include "core/ports/postgres.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace compuerta::plugin::gates {

struct PostgresRequirements {
    std::string dsn;                  // empty: PG* variables
    std::string min_version;          // "15" or "15.4"; empty: any
    std::vector<std::string> extensions;
    // name -> expected: "on", "UTF8", ">= 100", "<=2GB", "= 128MB" (units kB MB GB TB ms s min h d).
    std::vector<std::pair<std::string, std::string>> settings;
};

class PostgresEnvCheck final : public core::Check {
  public:
    PostgresEnvCheck(core::CheckSpec spec, PostgresRequirements req, core::Postgres& pg);
    core::Outcome run(const core::Deadline& deadline) override;

  private:
    PostgresRequirements m_req;
    core::Postgres& m_pg;
};

// The query that collects everything as one JSON text value.
std::string requirements_query(const PostgresRequirements& req);
// Judges the JSON answer of requirements_query().
core::Outcome judge_postgres(const std::string& json_text, const PostgresRequirements& req);
// "15" -> 150000, "15.4" -> 150004, "9.6.3" -> 90603; nullopt when not a version.
std::optional<long> version_number(const std::string& v);
// Whether `actual` (as SHOW prints it) satisfies `expected` (see settings above).
bool setting_satisfies(const std::string& actual, const std::string& expected);

} // namespace compuerta::plugin::gates
