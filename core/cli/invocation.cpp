#include "core/cli/command.hpp"
#include "core/errors.hpp"
#include "core/fs.hpp"
#include "core/report/json.hpp"
#include "core/report/junit.hpp"
#include "core/report/terminal.hpp"
#include "core/messages/said.hpp"
#include "core/secrets.hpp"
#include "core/signoffs.hpp"
#include "core/events.hpp"

#include <fmt/format.h>
#include <iostream>
#include <mutex>
#include <unistd.h>

namespace compuerta::core::cli {

Invocation::Invocation(const Command& cmd, po::variables_map args, CommonOptions common, const Env& env,
                       const Clock& clock, const Adapters& adapters, std::ostream& out, std::ostream& err)
    : m_cmd(cmd), m_args(std::move(args)), m_common(std::move(common)), m_env(env), m_clock(clock),
      m_adapters(adapters), m_out(out),
      m_err(err), m_human(&out), m_started(clock.now()) {
    bool stdout_is_machine = (m_common.json && *m_common.json == "-") || (m_common.junit && *m_common.junit == "-");
    if (stdout_is_machine) m_human = &err;
}

Invocation::~Invocation() = default;

const JournalRead& Invocation::history() {
    if (!m_history) m_history = read_journal(m_journal->file().parent_path());
    return *m_history;
}

void Invocation::attach(std::unique_ptr<config::Config> cfg, std::unique_ptr<Journal> journal) {
    m_config = std::move(cfg);
    m_journal = std::move(journal);
}

void Invocation::info(const std::string& text) {
    if (m_common.verbosity < 0) return;
    m_err << mask(text) << '\n';
    m_err.flush();
}

void Invocation::warn(const std::string& text) {
    m_err << mask("warning: " + text) << '\n';
    m_err.flush();
}

RunnerOptions Invocation::runner_options(RunnerOptions base) const {
    base.until_pass = base.until_pass || m_common.until_pass;
    if (m_common.interval) base.interval = *m_common.interval;
    if (m_common.until_timeout) base.until_timeout = *m_common.until_timeout;
    return base;
}

report::Suite Invocation::make_suite(const std::string& name) const {
    report::Suite s;
    s.name = name;
    s.package = "compuerta";
    const RunIdentity& id = m_journal->identity();
    s.hostname = id.host.empty() ? "localhost" : id.host;
    s.started = m_started;
    auto add = [&](const char* k, const std::string& v) {
        if (!v.empty()) s.properties.emplace_back(k, v);
    };
    add("run", id.run);
    add("job", id.job);
    add("tag", id.tag);
    add("commit", id.commit);
    add("environment", id.environment);
    add("pipeline", id.pipeline_url);
    add("host", s.hostname);
    return s;
}

void Invocation::journal_result(const CheckResult& r, int round) {
    Event e = events::make(events::Check{r.id, round > 1 || m_common.until_pass ? round : 0},
                           std::string(to_string(r.status)), r.title() + (r.message.empty() ? "" : ": " + r.message),
                           r.item);
    e.duration_ms = r.duration.count();
    // The summary's pieces with their meaning: "6.1 " + name + ": " + message.
    e.extra["said"] = msg::said({r.item.empty() ? "" : r.item + " ", r.name, r.message.empty() ? "" : ": ", r.message});
    for (const auto& [k, v] : r.evidence)
        e.evidence[k] = static_cast<const std::string&>(v);
    if (r.waiting)
        e.evidence["waiting"] = "true";
    m_journal->append(e);
}

void Invocation::section_start(const std::string& id, const std::string& title) {
    if (!m_env.get("GITLAB_CI")) return;
    auto secs = std::chrono::duration_cast<std::chrono::seconds>(m_clock.now().time_since_epoch()).count();
    out() << fmt::format("\033[0Ksection_start:{}:{}[collapsed=false]\r\033[0K{}\n", secs, id, title);
}

void Invocation::section_end(const std::string& id) {
    if (!m_env.get("GITLAB_CI")) return;
    auto secs = std::chrono::duration_cast<std::chrono::seconds>(m_clock.now().time_since_epoch()).count();
    out() << fmt::format("\033[0Ksection_end:{}:{}\r\033[0K\n", secs, id);
}

int Invocation::run_checks(const std::string& suite_name, const std::vector<std::shared_ptr<Check>>& given,
                           RunnerOptions base) {
    // Sign-offs this command requires (plan.signoffs) gate it like any check.
    std::vector<std::shared_ptr<Check>> checks = given;
    for (auto& c : signoff_checks(*m_config, m_cmd.name, m_journal->file().parent_path())) checks.push_back(c);
    RunnerOptions opt = runner_options(std::move(base));
    report::TerminalStyle style{m_common.color, m_common.verbosity};
    std::mutex print_mutex;
    int round = 1;
    opt.on_result = [&](const CheckResult& r) {
        std::lock_guard lock(print_mutex);
        report::print_result(out(), r, style);
    };
    opt.on_round = [&](int n, const std::vector<CheckResult>& results) {
        round = n;
        for (const auto& r : results) journal_result(r, n);
        if (opt.until_pass && !round_passed(results))
            info(msg::tr("cli.round.not_all_passed",
                         {{"round", n}, {"seconds", fmt::format("{:.0f}", static_cast<double>(opt.interval.count()) / 1000.0)}}));
    };
    section_start("compuerta_" + std::to_string(getpid()), suite_name);
    report::Suite suite = make_suite(suite_name);
    RunReport rr = core::run_checks(checks, opt);
    section_end("compuerta_" + std::to_string(getpid()));
    suite.results = std::move(rr.results);
    suite.rounds = rr.rounds;
    suite.duration = std::chrono::duration_cast<Millis>(m_clock.now() - suite.started);
    if (rr.deadline_reached) warn(msg::tr("cli.deadline_reached"));
    return report(std::move(suite));
}

int Invocation::report(report::Suite suite) {
    int code = exit_code_for(suite.results);
    write_reports(suite, code);
    report::print_summary(out(), suite, code, {m_common.color, m_common.verbosity});
    return code;
}

void Invocation::write_reports(report::Suite& suite, int exit_code) {
    if (suite.duration.count() == 0)
        suite.duration = std::chrono::duration_cast<Millis>(m_clock.now() - suite.started);
    if (m_common.junit) {
        std::string xml = report::render_junit({suite}, m_common.junit_strict);
        if (*m_common.junit == "-") m_out << xml;
        else write_file_atomic(*m_common.junit, xml);
    }
    if (m_common.json) {
        std::string js = report::render_json({suite}, exit_code);
        if (*m_common.json == "-") m_out << js;
        else write_file_atomic(*m_common.json, js);
    }
}

} // namespace compuerta::core::cli
