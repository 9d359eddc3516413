#pragma once
// Check kind `transaction` (plan item 6.3): one scenario of steps (see
// smoke/transaction/scenario.hpp) that leaves no row behind.
#include "core/ports/db.hpp"
#include "core/ports/http.hpp"
#include "smoke/checks/options.hpp"
#include "smoke/registry.hpp"
#include "smoke/transaction/executor.hpp"

namespace compuerta::smoke::checks {

// The keys of a `transaction` item of smoke.checks, declared once
// (transaction_decl()); the scenario file is its own format
// (smoke/transaction/scenario.hpp).
struct TransactionConfig {
    std::string scenario;
    std::optional<std::string> dsn; // absent: --dsn, database.dsn, then the PG* variables
    std::string base_url;
    std::vector<std::pair<std::string, std::string>> vars;
    std::vector<std::pair<std::string, std::string>> headers;
    std::optional<std::string> ledger_dir; // absent: the journal's ledger/
};
const cfg::SectionDecl<TransactionConfig>& transaction_decl();

class TransactionCheck final : public core::Check {
  public:
    TransactionCheck(core::CheckSpec spec, transaction::Scenario scenario,
                     transaction::ExecutorOptions opts, std::shared_ptr<core::Db> db,
                     std::shared_ptr<core::Http> http);
    core::Outcome run(const core::Deadline& deadline) override;

  private:
    transaction::Scenario m_scenario;
    transaction::ExecutorOptions m_opts;
    std::shared_ptr<core::Db> m_db;
    std::shared_ptr<core::Http> m_http;
};

std::shared_ptr<core::Check> make_transaction(const core::config::Value& def, core::CheckSpec spec,
                                              const SuiteContext& ctx);

} // namespace compuerta::smoke::checks
