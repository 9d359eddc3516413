#pragma once
// The outside world for in-process command tests: every port of
// core::Adapters answered by scripted functions and recorded, so a test runs
// a real command through main_for() without a network, a database or a
// child process. Unscripted ports fail the way a missing service would.
#include "core/cli/command.hpp"
#include "core/ports/adapters.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/env.hpp"
#include "tests/support/support.hpp"

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace compuerta::test {

class FakeWorld {
  public:
    // Scripts (defaults: HTTP connect refused, processes exit 0 with no
    // output, PostgreSQL refuses connections, mail accepted).
    std::function<core::Result<core::HttpResponse, core::HttpFailure>(const core::HttpRequest&)>
        http;
    std::function<core::ProcessResult(const core::ProcessSpec&)> process;
    std::function<core::Result<core::PgProbe, core::PgFailure>(const std::string& dsn,
                                                               const std::string& query)>
        postgres;
    std::function<core::Result<core::MailSent>(const core::MailMessage&)> mail;
    // PostgreSQL sessions (the db commands, their advisory locks, the
    // rollback, the transaction check): every statement is answered by `sql`,
    // which throws core::DbError to refuse one. Unset: connections are refused.
    std::function<core::SqlRows(const std::string& sql, const std::vector<std::string>& params)>
        sql;
    // The database a session is on when its DSN names none.
    std::string database = "postgres";
    // The deployment lease store (e.g. tests/unit/lease/fake_lease_store.hpp);
    // unset: a command that needs one sees it fail.
    std::shared_ptr<core::LeaseStore> leases;
    // A repository for `dir` (e.g. tests/unit/release/fake_git.hpp's FakeGit);
    // unset: no repository anywhere.
    std::function<core::GitResult<std::unique_ptr<core::GitRepo>>(const std::string& dir)> git;

    // What the command did, in order.
    std::vector<core::HttpRequest> requests() const;
    std::vector<core::ProcessSpec> processes() const;
    std::vector<core::MailMessage> mails() const;
    // What the sessions were asked: "connect <application name>", then each
    // statement with its parameters ("SELECT ... $1 [value]").
    std::vector<std::string> statements() const;
    // Ports the command asked for that this world does not fake (lease store,
    // certificates; db when no `sql` is scripted and a session was opened;
    // git when no repository is scripted): their names.
    std::vector<std::string> unfaked() const;

    // The adapters to hand to main_for(); valid while this world lives.
    const core::Adapters& adapters();

    // Records (used by the fakes).
    void record(const core::HttpRequest& r);
    void record(const core::ProcessSpec& p);
    void record(const core::MailMessage& m);
    void record_statement(const std::string& line);
    void asked_for(const std::string& port);

  private:
    mutable std::mutex m_mutex;
    std::vector<core::HttpRequest> m_requests;
    std::vector<core::ProcessSpec> m_processes;
    std::vector<core::MailMessage> m_mails;
    std::vector<std::string> m_statements;
    std::vector<std::string> m_unfaked;
    std::unique_ptr<core::Adapters> m_adapters;
};

// An HTTP answer.
core::HttpResponse http_answer(long status, std::string body,
                               std::vector<std::pair<std::string, std::string>> headers = {});

// A command's outcome when run in-process.
struct CommandRun {
    int code = -1;
    std::string out;
    std::string err;
};

// One test's directory for its commands: the journal, HOME and a compuerta.yml.
struct Sandbox {
    TempDir dir;
    std::filesystem::path journal() const { return dir / "journal"; }
    // COMPUERTA_JOURNAL and HOME, plus `extra`.
    std::map<std::string, std::string> env(std::map<std::string, std::string> extra = {}) const;
    // Writes compuerta.yml; returns its path.
    std::string config(const std::string& yaml) const;
    // The journal's events named `name`, each as its JSON line.
    std::vector<std::string> events(const std::string& name) const;
};

// Runs the registered command `name` ("gate defects") with `args` through
// main_for(): `env` as the whole environment (COMPUERTA_JOURNAL and
// COMPUERTA_LANG=en are added when absent), the system clock, `world`'s
// adapters.
CommandRun run_command(const std::string& name, const std::vector<std::string>& args,
                       std::map<std::string, std::string> env, FakeWorld& world);

} // namespace compuerta::test
