#pragma once
// Check kind `postgres` (plan item 6.1): connect, run a query (SELECT 1),
// report server version and latencies, with warn/crit latency thresholds.
#include "smoke/checks/options.hpp"
#include "smoke/registry.hpp"

namespace compuerta::smoke::checks {

struct PostgresOptions {
    std::string dsn; // empty: PG* variables
    std::string query = "SELECT 1";
    std::optional<core::Millis> warn_latency;
    std::optional<core::Millis> crit_latency;
};

// The keys of a `postgres` item of smoke.checks, declared once (postgres_decl()).
struct PostgresConfig {
    std::optional<std::string> dsn; // absent: --dsn, database.dsn, then the PG* variables
    std::string query;
    Placed<std::optional<core::Millis>> warn_latency;
    std::optional<core::Millis> crit_latency;
};
const cfg::SectionDecl<PostgresConfig>& postgres_decl();

class PostgresCheck final : public core::Check {
  public:
    PostgresCheck(core::CheckSpec spec, PostgresOptions opts, core::Postgres& pg);
    core::Outcome run(const core::Deadline& deadline) override;

  private:
    PostgresOptions m_opts;
    core::Postgres& m_pg;
};

std::shared_ptr<core::Check> make_postgres(const core::config::Value& def, core::CheckSpec spec,
                                           const SuiteContext& ctx);

} // namespace compuerta::smoke::checks
