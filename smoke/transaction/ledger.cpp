#include "smoke/transaction/ledger.hpp"

#include "core/messages/catalog.hpp"
#include "core/ports/clock.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <unistd.h>

namespace compuerta::smoke::transaction {

namespace fs = std::filesystem;

bool LedgerEntry::in_flight_at(std::chrono::system_clock::time_point t) const {
    if (waits_until_ms == 0)
        return false;
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
    return ms < waits_until_ms;
}

std::optional<Ledger> LedgerFile::load() const {
    std::error_code ec;
    if (!fs::exists(m_path, ec)) return std::nullopt;
    std::ifstream in(m_path);
    std::stringstream ss;
    ss << in.rdbuf();
    if (!in)
        throw std::runtime_error(
            core::msg::tr("smoke.tx.ledger.unreadable", {{"path", m_path.string()}}));
    try {
        auto j = nlohmann::json::parse(ss.str());
        Ledger l;
        l.check = j.value("check", "");
        l.scenario = j.value("scenario", "");
        l.pid = j.value("pid", 0LL);
        l.started = j.value("started", "");
        l.current_step = j.value("current_step", "");
        for (const auto& e : j.at("entries")) {
            LedgerEntry le;
            le.step = e.value("step", "");
            le.request.method = e.value("method", "DELETE");
            le.request.url = e.value("url", "");
            le.request.body = e.value("body", "");
            for (const auto& h : e.value("headers", nlohmann::json::array()))
                le.request.headers.emplace_back(h.at(0).get<std::string>(), h.at(1).get<std::string>());
            le.ok_status = e.value("ok_status", std::vector<long>{});
            le.missing = e.value("missing", "");
            le.origin_pid = e.value("origin_pid", l.pid);
            le.origin_started = e.value("origin_started", l.started);
            le.identity = e.value("identity", std::map<std::string, std::string>{});
            if (e.contains("waits_for")) {
                le.waits_for = e.at("waits_for").value("request", "");
                le.waits_until_ms = e.at("waits_for").value("until_ms", 0LL);
            }
            l.entries.push_back(std::move(le));
        }
        return l;
    } catch (const nlohmann::json::exception& e) {
        throw std::runtime_error(core::msg::tr("smoke.tx.ledger.corrupt",
                                               {{"path", m_path.string()}, {"reason", e.what()}}));
    }
}

void LedgerFile::save(const Ledger& l) const {
    nlohmann::json j;
    j["check"] = l.check;
    j["scenario"] = l.scenario;
    j["pid"] = l.pid;
    j["started"] = l.started;
    j["current_step"] = l.current_step;
    j["entries"] = nlohmann::json::array();
    for (const auto& e : l.entries) {
        nlohmann::json je;
        je["step"] = e.step;
        je["method"] = e.request.method;
        je["url"] = e.request.url;
        je["body"] = e.request.body;
        je["headers"] = nlohmann::json::array();
        for (const auto& [k, v] : e.request.headers) je["headers"].push_back({k, v});
        je["ok_status"] = e.ok_status;
        if (!e.missing.empty()) je["missing"] = e.missing;
        je["origin_pid"] = e.origin_pid != 0 ? e.origin_pid : l.pid;
        je["origin_started"] = e.origin_started.empty() ? l.started : e.origin_started;
        if (!e.identity.empty())
            je["identity"] = e.identity;
        if (e.waits_until_ms != 0) {
            auto until =
                std::chrono::system_clock::time_point(std::chrono::milliseconds(e.waits_until_ms));
            je["waits_for"] = {{"request", e.waits_for},
                               {"until", core::format_rfc3339(until)},
                               {"until_ms", e.waits_until_ms}};
        }
        j["entries"].push_back(je);
    }
    std::error_code ec;
    fs::create_directories(m_path.parent_path(), ec);
    std::string text = j.dump(2) + "\n";
    fs::path tmp = m_path;
    tmp += ".tmp" + std::to_string(getpid());
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        std::string why = std::strerror(errno);
        throw std::runtime_error(
            core::msg::tr("smoke.tx.ledger.unwritable", {{"path", tmp.string()}, {"reason", why}}));
    }
    bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!ok || ::rename(tmp.c_str(), m_path.c_str()) != 0) {
        std::string why = std::strerror(errno);
        ::unlink(tmp.c_str());
        throw std::runtime_error(core::msg::tr("smoke.tx.ledger.unwritable",
                                               {{"path", m_path.string()}, {"reason", why}}));
    }
}

void LedgerFile::remove() const {
    std::error_code ec;
    fs::remove(m_path, ec);
}

int LedgerFile::remove_stale_temps() const {
    std::error_code ec;
    int removed = 0;
    const std::string prefix = m_path.filename().string() + ".tmp";
    for (fs::directory_iterator it(m_path.parent_path(), ec), end; !ec && it != end;
         it.increment(ec)) {
        std::string name = it->path().filename().string();
        if (name.rfind(prefix, 0) != 0 || name.size() == prefix.size())
            continue;
        std::string digits = name.substr(prefix.size());
        if (digits.find_first_not_of("0123456789") != std::string::npos || digits.size() > 9)
            continue;
        pid_t pid = static_cast<pid_t>(std::stol(digits));
        // Alive (or not ours to signal): keep it. ESRCH proves the writer is gone.
        if (pid > 0 && (::kill(pid, 0) == 0 || errno != ESRCH))
            continue;
        std::error_code rm;
        if (fs::remove(it->path(), rm))
            ++removed;
    }
    return removed;
}

} // namespace compuerta::smoke::transaction
