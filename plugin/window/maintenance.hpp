#pragma once
// Maintenance-mode backends (plan steps 2 and 7.1): a flag file the web
// server checks, an HTTP admin endpoint, or SQL statements. Switching is
// idempotent. The public URL probe verifies the switch from outside.
#include "core/config/sections/notify.hpp"
#include "core/ports/http.hpp"
#include "core/ports/postgres.hpp"
#include "core/result.hpp"

#include <map>
#include <memory>
#include <optional>
#include <string>

namespace compuerta::plugin::window {

// What a switch uses: the maintenance section with the command's flags over
// it (maintenance_command.cpp); defaults are the section's declared ones.
struct MaintenanceSettings {
    std::string backend =
        core::config::maintenance_decl().default_of("backend"); // file | http | sql
    std::string flag_file;
    std::string public_url;
    std::string bypass_header;
    std::string bypass_value;
    std::string admin_url;
    std::string admin_method = core::config::maintenance_decl().default_of("admin_method");
    std::string admin_on_body = core::config::maintenance_decl().default_of("admin_on_body");
    std::string admin_off_body = core::config::maintenance_decl().default_of("admin_off_body");
    std::string admin_token;
    std::string dsn;
    std::string on_sql, off_sql, state_sql; // placeholders already substituted
    core::TlsOptions tls;
    bool insecure = false;
    core::Millis timeout =
        *core::config::parse_duration(core::config::maintenance_decl().default_of("timeout"));
};

struct Switched {
    bool changed = false; // false: it already was in that state
    std::string target;   // what was switched (flag file, "POST URL → HTTP 200", database): data, no prose
};

class MaintenanceBackend {
  public:
    virtual ~MaintenanceBackend() = default;
    virtual std::string name() const = 0;
    // Switches on or off; an error says what failed and what to check.
    virtual core::Result<Switched> set(bool on, const core::Deadline& deadline) = 0;
    // The switch's own state when the backend can tell; nullopt when it cannot
    // (the journal's last maintenance event decides then).
    virtual core::Result<std::optional<bool>> state(const core::Deadline& deadline) = 0;
};

// Throws ConfigError naming the missing key (maintenance.flag_file, ...).
std::unique_ptr<MaintenanceBackend> make_backend(const MaintenanceSettings& s, core::Http& http, core::Postgres& pg);

// GET the public URL (with the bypass header when `bypass`); the HTTP status.
core::Result<long> probe_public(core::Http& http, const MaintenanceSettings& s, bool bypass,
                                const core::Deadline& deadline);

// "{tag}" etc. replaced; unknown placeholders are left as written.
std::string fill_placeholders(std::string text, const std::map<std::string, std::string>& values);

} // namespace compuerta::plugin::window
