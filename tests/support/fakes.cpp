#include "tests/support/fakes.hpp"

#include "core/journal.hpp"
#include "plugin/commands.hpp"
#include "tests/support/support.hpp"

#include <sstream>
#include <stdexcept>

namespace compuerta::test {

namespace {

class FakeHttp final : public core::Http {
  public:
    explicit FakeHttp(FakeWorld& w) : m_world(w) {}
    core::Result<core::HttpResponse, core::HttpFailure> send(const core::HttpRequest& req,
                                                             const core::Deadline&) override {
        m_world.record(req);
        if (m_world.http)
            return m_world.http(req);
        return core::HttpFailure{core::HttpPhase::connect, "connection refused (no fake answer)"};
    }

  private:
    FakeWorld& m_world;
};

class FakeProcess final : public core::Process {
  public:
    explicit FakeProcess(FakeWorld& w) : m_world(w) {}
    core::Result<core::ProcessResult> run(const core::ProcessSpec& spec,
                                          const core::Deadline&) override {
        m_world.record(spec);
        core::ProcessResult r;
        r.exit_code = 0;
        if (m_world.process)
            r = m_world.process(spec);
        if (spec.on_line) {
            std::istringstream in(r.output);
            for (std::string line; std::getline(in, line);)
                spec.on_line(line);
        }
        return r;
    }

  private:
    FakeWorld& m_world;
};

class FakePostgres final : public core::Postgres {
  public:
    explicit FakePostgres(FakeWorld& w) : m_world(w) {}
    core::Result<core::PgProbe, core::PgFailure>
    probe(const std::string& dsn, const std::string& query, const core::Deadline&) override {
        if (m_world.postgres)
            return m_world.postgres(dsn, query);
        return core::PgFailure{core::PgPhase::connect, false,
                               "connection refused (no fake database)"};
    }

  private:
    FakeWorld& m_world;
};

class FakeMail final : public core::Mail {
  public:
    explicit FakeMail(FakeWorld& w) : m_world(w) {}
    core::Result<core::MailSent> send(const core::SmtpServer&, const core::MailMessage& msg,
                                      const core::Deadline&) override {
        m_world.record(msg);
        if (m_world.mail)
            return m_world.mail(msg);
        return core::MailSent{"fake:25"};
    }

  private:
    FakeWorld& m_world;
};

class FailingCertificates final : public core::Certificates {
  public:
    core::Result<core::CertificateInfo> inspect(const core::CertificateFiles& f) override {
        return core::Error{"test: no certificate " + f.cert};
    }
};

// Sessions whose statements `FakeWorld::sql` answers.
class FakeSession final : public core::DbSession {
  public:
    FakeSession(FakeWorld& w, std::string database) : m_world(w), m_database(std::move(database)) {}
    void exec(const std::string& sql) override { answer(sql, {}); }
    std::vector<core::DbRow> query(const std::string& sql,
                                   const std::vector<std::string>& params) override {
        return answer(sql, params).rows;
    }
    core::SqlRows statement(const std::string& sql, const std::vector<std::string>& params,
                            const core::Deadline&) override {
        return answer(sql, params);
    }
    std::string database() const override { return m_database; }
    std::string server_version() const override { return "15.0"; }

  private:
    core::SqlRows answer(const std::string& sql, const std::vector<std::string>& params) {
        std::string line = sql;
        for (const auto& p : params)
            line += " [" + p + "]";
        m_world.record_statement(line);
        return m_world.sql(sql, params);
    }
    FakeWorld& m_world;
    std::string m_database;
};

// The last `dbname=` of a key=value DSN (libpq takes the last one too).
std::optional<std::string> dbname_in(const std::string& dsn) {
    std::optional<std::string> name;
    for (std::size_t at = dsn.find("dbname="); at != std::string::npos;
         at = dsn.find("dbname=", at + 1)) {
        std::string v = dsn.substr(at + 7);
        name = v.substr(0, v.find(' '));
    }
    return name;
}

class FakeDb final : public core::Db {
  public:
    explicit FakeDb(FakeWorld& w) : m_world(w) {}
    core::Result<std::unique_ptr<core::DbSession>, core::PgFailure>
    connect(const std::string& dsn, const std::string& application,
            const core::Deadline&) override {
        if (!m_world.sql) {
            m_world.asked_for("db");
            return core::PgFailure{core::PgPhase::connect, false,
                                   "connection refused (no fake database)"};
        }
        m_world.record_statement("connect " + application);
        return std::unique_ptr<core::DbSession>(
            std::make_unique<FakeSession>(m_world, dbname_in(dsn).value_or(m_world.database)));
    }
    std::string with_database(const std::string& dsn, const std::string& dbname) const override {
        return (dsn.empty() ? "" : dsn + " ") + "dbname=" + dbname;
    }
    std::optional<std::string> database_in(const std::string& dsn) const override {
        return dbname_in(dsn);
    }
    std::map<std::string, std::string> to_env(const std::string& dsn) const override {
        std::map<std::string, std::string> env;
        if (auto name = dbname_in(dsn))
            env["PGDATABASE"] = *name;
        return env;
    }

  private:
    FakeWorld& m_world;
};

// The world's lease store, shared by every command of a test.
class SharedLeases final : public core::LeaseStore {
  public:
    explicit SharedLeases(std::shared_ptr<core::LeaseStore> s) : m_store(std::move(s)) {}
    std::string where() const override { return m_store->where(); }
    std::string scope() const override { return m_store->scope(); }
    core::Result<core::LeaseTake, core::PgFailure> take(const core::Lease& wanted,
                                                        const core::Deadline& d) override {
        return m_store->take(wanted, d);
    }
    core::Result<std::optional<core::Lease>, core::PgFailure>
    current(const std::string& environment, const core::Deadline& d) override {
        return m_store->current(environment, d);
    }
    core::Result<bool, core::PgFailure> release(const std::string& environment,
                                                const std::string& run,
                                                const core::Deadline& d) override {
        return m_store->release(environment, run, d);
    }
    core::Result<bool, core::PgFailure> take_over(const core::Lease& wanted,
                                                  const core::Lease& from,
                                                  const core::Deadline& d) override {
        return m_store->take_over(wanted, from, d);
    }

  private:
    std::shared_ptr<core::LeaseStore> m_store;
};

// A port this world does not fake: recorded, then the command sees it fail.
template <class T> std::unique_ptr<T> no_port(FakeWorld& w, const std::string& name) {
    w.asked_for(name);
    throw std::runtime_error("test: the fake world has no " + name);
}

} // namespace

std::vector<core::HttpRequest> FakeWorld::requests() const {
    std::lock_guard lock(m_mutex);
    return m_requests;
}
std::vector<core::ProcessSpec> FakeWorld::processes() const {
    std::lock_guard lock(m_mutex);
    return m_processes;
}
std::vector<core::MailMessage> FakeWorld::mails() const {
    std::lock_guard lock(m_mutex);
    return m_mails;
}
std::vector<std::string> FakeWorld::statements() const {
    std::lock_guard lock(m_mutex);
    return m_statements;
}
std::vector<std::string> FakeWorld::unfaked() const {
    std::lock_guard lock(m_mutex);
    return m_unfaked;
}
void FakeWorld::record(const core::HttpRequest& r) {
    std::lock_guard lock(m_mutex);
    m_requests.push_back(r);
}
void FakeWorld::record(const core::ProcessSpec& p) {
    std::lock_guard lock(m_mutex);
    m_processes.push_back(p);
}
void FakeWorld::record(const core::MailMessage& m) {
    std::lock_guard lock(m_mutex);
    m_mails.push_back(m);
}
void FakeWorld::record_statement(const std::string& line) {
    std::lock_guard lock(m_mutex);
    m_statements.push_back(line);
}
void FakeWorld::asked_for(const std::string& port) {
    std::lock_guard lock(m_mutex);
    m_unfaked.push_back(port);
}

const core::Adapters& FakeWorld::adapters() {
    if (!m_adapters) {
        FakeWorld& w = *this;
        m_adapters = std::make_unique<core::Adapters>(core::Adapters{
            [&w] { return std::unique_ptr<core::Http>(std::make_unique<FakeHttp>(w)); },
            [&w] { return std::unique_ptr<core::Mail>(std::make_unique<FakeMail>(w)); },
            [&w] { return std::unique_ptr<core::Process>(std::make_unique<FakeProcess>(w)); },
            [] {
                return std::unique_ptr<core::Certificates>(std::make_unique<FailingCertificates>());
            },
            [&w] { return std::unique_ptr<core::Postgres>(std::make_unique<FakePostgres>(w)); },
            [&w] { return std::unique_ptr<core::Db>(std::make_unique<FakeDb>(w)); },
            [&w](core::LeaseStoreAddress) {
                if (w.leases)
                    return std::unique_ptr<core::LeaseStore>(
                        std::make_unique<SharedLeases>(w.leases));
                return no_port<core::LeaseStore>(w, "lease store");
            },
            [&w](const std::string& dir) -> core::GitResult<std::unique_ptr<core::GitRepo>> {
                if (w.git)
                    return w.git(dir);
                w.asked_for("git");
                return core::GitError{core::GitErrorKind::other, "test: the fake world has no git"};
            },
        });
    }
    return *m_adapters;
}

core::HttpResponse http_answer(long status, std::string body,
                               std::vector<std::pair<std::string, std::string>> headers) {
    core::HttpResponse r;
    r.status = status;
    r.body = std::move(body);
    r.headers = std::move(headers);
    return r;
}

std::map<std::string, std::string> Sandbox::env(std::map<std::string, std::string> extra) const {
    extra.emplace("COMPUERTA_JOURNAL", journal().string());
    extra.emplace("HOME", dir.path().string());
    return extra;
}
std::string Sandbox::config(const std::string& yaml) const {
    write_file(dir / "compuerta.yml", yaml);
    return (dir / "compuerta.yml").string();
}
std::vector<std::string> Sandbox::events(const std::string& name) const {
    std::vector<std::string> found;
    for (const auto& e : core::read_journal(journal()).events)
        if (e.value("event", "") == name)
            found.push_back(e.dump());
    return found;
}

CommandRun run_command(const std::string& name, const std::vector<std::string>& args,
                       std::map<std::string, std::string> env, FakeWorld& world) {
    const core::cli::Command* cmd = plugin::commands().find(name);
    if (cmd == nullptr)
        throw std::logic_error("no command " + name);
    env.emplace("COMPUERTA_LANG", "en");
    std::vector<std::string> argv{"compuerta " + name};
    argv.insert(argv.end(), args.begin(), args.end());
    core::MapEnv e(env);
    core::SystemClock clock;
    std::ostringstream out, err;
    CommandRun r;
    r.code = core::cli::main_for(*cmd, argv, e, clock, out, err, world.adapters());
    r.out = out.str();
    r.err = err.str();
    return r;
}

} // namespace compuerta::test
