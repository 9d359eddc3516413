#include "plugin/window/maintenance.hpp"

#include "core/errors.hpp"
#include "core/fs.hpp"
#include "core/messages/catalog.hpp"
#include "core/secrets.hpp"

#include <filesystem>
#include <fmt/format.h>

namespace compuerta::plugin::window {

namespace fs = std::filesystem;

namespace {

class FileBackend final : public MaintenanceBackend {
  public:
    explicit FileBackend(fs::path flag) : m_flag(std::move(flag)) {}
    std::string name() const override { return "file"; }

    core::Result<Switched> set(bool on, const core::Deadline& /*deadline*/) override {
        std::error_code ec;
        bool exists = fs::exists(m_flag, ec);
        if (on == exists) return Switched{false, m_flag.string()};
        if (on) {
            try {
                core::write_file_atomic(m_flag, "compuerta: modo mantenimiento activo\n");
            } catch (const std::exception& e) {
                return core::Error{e.what()};
            }
            return Switched{true, m_flag.string()};
        }
        if (!fs::remove(m_flag, ec) && ec)
            return core::Error{core::msg::tr("window.maintenance.error.remove_flag",
                                             {{"file", m_flag.string()}, {"error", ec.message()}})};
        return Switched{true, m_flag.string()};
    }

    core::Result<std::optional<bool>> state(const core::Deadline& /*deadline*/) override {
        std::error_code ec;
        return std::optional<bool>(fs::exists(m_flag, ec));
    }

  private:
    fs::path m_flag;
};

class HttpBackend final : public MaintenanceBackend {
  public:
    HttpBackend(const MaintenanceSettings& s, core::Http& http) : m_s(s), m_http(http) {}
    std::string name() const override { return "http"; }

    core::Result<Switched> set(bool on, const core::Deadline& deadline) override {
        core::HttpRequest req;
        req.method = m_s.admin_method;
        req.url = m_s.admin_url;
        req.body = on ? m_s.admin_on_body : m_s.admin_off_body;
        req.headers.emplace_back("Content-Type", "application/json");
        if (!m_s.admin_token.empty()) req.headers.emplace_back("Authorization", "Bearer " + m_s.admin_token);
        req.tls = m_s.tls;
        auto resp = m_http.send(req, deadline.earliest(core::Deadline::after(m_s.timeout)));
        if (!resp)
            return core::Error{core::mask(core::msg::tr("window.maintenance.error.admin_unreachable",
                                                        {{"error", resp.error().message}}))};
        if (resp->status < 200 || resp->status > 299)
            return core::Error{core::mask(core::msg::tr(
                "window.maintenance.error.admin_http",
                {{"url", m_s.admin_url}, {"status", resp->status}, {"body", resp->body.substr(0, 200)}}))};
        return Switched{true, fmt::format("{} {} → HTTP {}", m_s.admin_method, core::mask(m_s.admin_url), resp->status)};
    }

    core::Result<std::optional<bool>> state(const core::Deadline& /*deadline*/) override {
        return std::optional<bool>{};
    }

  private:
    MaintenanceSettings m_s;
    core::Http& m_http;
};

class SqlBackend final : public MaintenanceBackend {
  public:
    SqlBackend(const MaintenanceSettings& s, core::Postgres& pg) : m_s(s), m_pg(pg) {}
    std::string name() const override { return "sql"; }

    core::Result<Switched> set(bool on, const core::Deadline& deadline) override {
        const std::string& sql = on ? m_s.on_sql : m_s.off_sql;
        auto r = m_pg.probe(m_s.dsn, sql, deadline.earliest(core::Deadline::after(m_s.timeout)));
        if (!r)
            return core::Error{core::mask(core::msg::tr(
                "window.maintenance.error.sql",
                {{"key", on ? "maintenance.on_sql" : "maintenance.off_sql"}, {"error", r.error().message}}))};
        return Switched{true, "SQL → " + r->database};
    }

    core::Result<std::optional<bool>> state(const core::Deadline& deadline) override {
        if (m_s.state_sql.empty()) return std::optional<bool>{};
        auto r = m_pg.probe(m_s.dsn, m_s.state_sql, deadline.earliest(core::Deadline::after(m_s.timeout)));
        if (!r)
            return core::Error{core::mask(core::msg::tr("window.maintenance.error.state_sql", {{"error", r.error().message}}))};
        const std::string& v = r->first_value;
        return std::optional<bool>(v == "t" || v == "true" || v == "1" || v == "on");
    }

  private:
    MaintenanceSettings m_s;
    core::Postgres& m_pg;
};

} // namespace

std::unique_ptr<MaintenanceBackend> make_backend(const MaintenanceSettings& s, core::Http& http, core::Postgres& pg) {
    auto need = [](const std::string& v, const char* key, const char* flag) {
        if (v.empty())
            throw core::ConfigError(core::msg::tr("window.maintenance.error.needs", {{"key", key}, {"flag", flag}}));
    };
    if (s.backend == "file") {
        need(s.flag_file, "maintenance.flag_file", "--flag-file");
        return std::make_unique<FileBackend>(s.flag_file);
    }
    if (s.backend == "http") {
        need(s.admin_url, "maintenance.admin_url", "--admin-url");
        return std::make_unique<HttpBackend>(s, http);
    }
    if (s.backend == "sql") {
        need(s.on_sql, "maintenance.on_sql", "compuerta.yml");
        need(s.off_sql, "maintenance.off_sql", "compuerta.yml");
        return std::make_unique<SqlBackend>(s, pg);
    }
    throw core::UsageError(core::msg::tr("window.maintenance.error.backend", {{"backend", s.backend}}));
}

core::Result<long> probe_public(core::Http& http, const MaintenanceSettings& s, bool bypass,
                                const core::Deadline& deadline) {
    core::HttpRequest req;
    req.url = s.public_url;
    req.tls = s.tls;
    if (bypass) req.headers.emplace_back(s.bypass_header, s.bypass_value);
    auto resp = http.send(req, deadline.earliest(core::Deadline::after(s.timeout)));
    if (!resp) return core::Error{resp.error().message};
    return resp->status;
}

std::string fill_placeholders(std::string text, const std::map<std::string, std::string>& values) {
    for (const auto& [k, v] : values) {
        std::string key = "{" + k + "}";
        for (auto pos = text.find(key); pos != std::string::npos; pos = text.find(key, pos + v.size()))
            text.replace(pos, key.size(), v);
    }
    return text;
}

} // namespace compuerta::plugin::window
