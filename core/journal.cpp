#include "core/messages/catalog.hpp"
#include "core/journal.hpp"

#include "core/errors.hpp"
#include "core/messages/said.hpp"
#include "core/secrets.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <fstream>
#include <random>
#include <unistd.h>

namespace compuerta::core {

namespace fs = std::filesystem;

namespace {
std::string first_set(const Env& env, std::initializer_list<const char*> names, const std::string& fallback) {
    for (const char* n : names)
        if (auto v = env.get(n); v && !v->empty()) return *v;
    return fallback;
}

// File-name safe: letters, digits, '-', '_' and '.'.
std::string safe(std::string s) {
    for (char& c : s)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') c = '_';
    return s;
}
} // namespace

namespace {
constexpr std::initializer_list<const char*> k_run_variables = {"COMPUERTA_RUN", "CI_PIPELINE_ID", "BUILD_TAG"};
} // namespace

std::string RunIdentity::explicit_run(const Env& env) { return first_set(env, k_run_variables, ""); }

RunIdentity RunIdentity::from_env(const Env& env, const Clock& clock) {
    RunIdentity id;
    std::string generated;
    {
        std::string ts = format_utc_zoneless(clock.now());
        ts.erase(std::remove_if(ts.begin(), ts.end(), [](char c) { return c == '-' || c == ':'; }), ts.end());
        std::random_device rd;
        generated = fmt::format("local-{}-{:04x}", ts, rd() & 0xffff);
    }
    id.run = first_set(env, k_run_variables, generated);
    id.job = first_set(env, {"CI_JOB_ID", "BUILD_NUMBER"}, "local");
    id.actor = first_set(env, {"COMPUERTA_ACTOR", "GITLAB_USER_LOGIN", "BUILD_USER_ID", "USER", "LOGNAME"}, "unknown");
    id.tag = first_set(env, {"CI_COMMIT_TAG", "TAG_NAME"}, "");
    id.commit = first_set(env, {"CI_COMMIT_SHA", "GIT_COMMIT"}, "");
    id.environment = first_set(env, {"COMPUERTA_ENVIRONMENT", "CI_ENVIRONMENT_NAME"}, "");
    id.pipeline_url = first_set(env, {"CI_PIPELINE_URL", "BUILD_URL"}, "");
    char host[256] = {};
    if (gethostname(host, sizeof host - 1) == 0) id.host = host;
    return id;
}

fs::path Journal::resolve_dir(const std::optional<std::string>& flag, const Env& env) {
    if (flag && !flag->empty()) return *flag;
    return env.get_or("COMPUERTA_JOURNAL", "compuerta-journal");
}

void Journal::check_writable(const fs::path& dir) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec || !fs::is_directory(dir))
        throw UsageError(msg::tr("journal.dir_uncreatable",
                                 {{"dir", dir.string()},
                                  {"error", ec ? ec.message() : msg::tr("journal.not_a_directory")}}));
    if (access(dir.c_str(), W_OK | X_OK) != 0)
        throw UsageError(
            msg::tr("journal.dir_not_writable", {{"dir", dir.string()}, {"error", std::strerror(errno)}}));
}

Journal::Journal(fs::path dir, RunIdentity id, std::string command, const Clock& clock)
    : m_dir(std::move(dir)), m_id(std::move(id)), m_command(std::move(command)), m_clock(clock) {
    check_writable(m_dir);
    m_file = m_dir / fmt::format("{}-{}-{}.jsonl", safe(m_id.run), safe(m_id.job), getpid());
}

Journal::~Journal() {
    if (m_fd >= 0) ::close(m_fd);
}

void Journal::append(const Event& e) {
    nlohmann::ordered_json line;
    line["ts"] = format_rfc3339(m_clock.now());
    line["run"] = m_id.run;
    line["job"] = m_id.job;
    line["event"] = e.event;
    line["item"] = e.item;
    line["command"] = m_command;
    line["status"] = e.status;
    if (e.duration_ms) line["duration_ms"] = *e.duration_ms;
    line["summary"] = e.summary;
    line["actor"] = e.actor.empty() ? m_id.actor : e.actor;
    line["evidence"] = e.evidence;
    for (auto it = e.extra.begin(); it != e.extra.end(); ++it) line[it.key()] = it.value();
    // What the summary means (message ids and parameters), so the record
    // reads in any language; a summary no message produced has none.
    if (!line.contains("said") && !e.summary.empty())
        if (auto meaning = msg::meaning_of(e.summary); !meaning.is_null())
            line["said"] = nlohmann::json::array({std::move(meaning)});
    std::string text = mask(line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)) + "\n";
    if (m_fd < 0) { // opened at the first event: a run that journals nothing leaves no file
        m_fd = ::open(m_file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
        if (m_fd < 0)
            throw ExitError(k_exit_cannot_evaluate,
                            msg::tr("journal.cannot_open", {{"file", m_file.string()}, {"error", std::strerror(errno)}}));
    }
    ssize_t written = ::write(m_fd, text.data(), text.size());
    if (written != static_cast<ssize_t>(text.size()))
        throw ExitError(k_exit_cannot_evaluate,
                        msg::tr("journal.cannot_append",
                                {{"file", m_file.string()},
                                 {"error", written < 0 ? std::string(std::strerror(errno)) : msg::tr("journal.short_write")}}));
}

JournalRead read_journal(const fs::path& dir) {
    JournalRead out;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        out.problems.push_back(msg::tr("journal.dir_missing", {{"dir", dir.string()}}));
        return out;
    }
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir, ec))
        if (entry.path().extension() == ".jsonl") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    struct Keyed {
        WallTime ts;
        std::size_t seq;
        nlohmann::json ev;
    };
    std::vector<Keyed> all;
    for (const auto& f : files) {
        std::ifstream in(f);
        if (!in) {
            out.problems.push_back(msg::tr("journal.cannot_read", {{"file", f.string()}}));
            continue;
        }
        std::string line;
        int n = 0;
        while (std::getline(in, line)) {
            ++n;
            if (line.empty()) continue;
            auto ev = nlohmann::json::parse(line, nullptr, false);
            WallTime ts{};
            if (ev.is_discarded() || !ev.is_object()) {
                out.problems.push_back(msg::tr("journal.not_object", {{"file", f.string()}, {"line", n}}));
                continue;
            }
            if (!ev.contains("ts") || !ev["ts"].is_string() || !parse_rfc3339(ev["ts"].get<std::string>(), ts) ||
                !ev.contains("event") || !ev["event"].is_string()) {
                out.problems.push_back(msg::tr("journal.no_ts_event", {{"file", f.string()}, {"line", n}}));
                continue;
            }
            ev["_file"] = f.filename().string();
            ev["_line"] = n;
            all.push_back({ts, all.size(), std::move(ev)});
        }
    }
    std::stable_sort(all.begin(), all.end(), [](const Keyed& a, const Keyed& b) { return a.ts < b.ts; });
    for (auto& k : all) out.events.push_back(std::move(k.ev));
    return out;
}

} // namespace compuerta::core
