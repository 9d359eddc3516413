#pragma once
// Check kind `logs` (plan item 6.4): scans log files (globs, rotated and .gz
// files) for error patterns since the deploy started, minus an allow-list of
// known benign lines, against count thresholds; the first matching lines
// (masked) are the evidence.
#include "smoke/checks/options.hpp"
#include "smoke/logs/matcher.hpp"
#include "smoke/logs/scanner.hpp"
#include "smoke/registry.hpp"

#include <memory>

namespace compuerta::smoke::checks {

// Error patterns used when a check names none.
const std::vector<std::string>& default_log_patterns();

// The keys of a `logs` item of smoke.checks, declared once (logs_decl()).
struct LogsConfig {
    std::vector<std::string> paths;
    std::optional<std::vector<std::string>> patterns; // absent: default_log_patterns()
    std::vector<std::string> allow;
    bool ignore_case = false;
    Placed<std::int64_t> max_matches;
    Placed<std::optional<std::int64_t>> warn_matches;
    std::string since;
    std::string timezone;
    std::int64_t evidence_lines = 5;
    std::string engine;
    Placed<std::int64_t> buffer_kib;
};
const cfg::SectionDecl<LogsConfig>& logs_decl();

struct LogsOptions {
    logs::ScanOptions scan; // `since` filled at run time from `since_spec`
    std::vector<std::string> patterns;
    std::vector<std::string> allow;
    logs::MatcherOptions matcher;
    std::uint64_t max_matches = 0;             // more counted lines than this: fail
    std::optional<std::uint64_t> warn_matches; // more than this: warn
    std::string since_spec;  // RFC 3339, a duration back from now, "deploy", or empty
    std::string journal_dir; // where deploy.start is looked up
};

// The window start `spec` names: an RFC 3339 time, a duration before `now`
// ("30m"), or "deploy"/empty for the latest deploy.start event of the journal
// in `journal_dir` (none when the journal has none). `where` names the source
// in errors; throws ConfigError for an unreadable spec.
std::optional<core::WallTime> resolve_since(const std::string& spec, const std::string& journal_dir,
                                            core::WallTime now, const std::string& where,
                                            std::string& described);

class LogsCheck final : public core::Check {
  public:
    // Compiles the patterns; throws ConfigError naming the check for a bad one.
    LogsCheck(core::CheckSpec spec, LogsOptions opts);
    core::Outcome run(const core::Deadline& deadline) override;

  private:
    LogsOptions m_opts;
    std::unique_ptr<logs::LineMatcher> m_errors;
    std::unique_ptr<logs::LineMatcher> m_allow;
};

std::shared_ptr<core::Check> make_logs(const core::config::Value& def, core::CheckSpec spec,
                                       const SuiteContext& ctx);

} // namespace compuerta::smoke::checks
