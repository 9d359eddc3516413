// compuerta maintenance on|off|status (plan steps 2 and 7.1).
#include "core/cli/given_flags.hpp"
#include "core/config/sections/database.hpp"
#include "core/config/sections/notify.hpp"
#include "core/errors.hpp"
#include "core/events.hpp"
#include "core/fs.hpp"
#include "core/messages/catalog.hpp"
#include "core/secrets.hpp"
#include "plugin/db/snapshot.hpp"
#include "plugin/lease/guard.hpp"
#include "plugin/window/commands.hpp"
#include "plugin/window/common.hpp"
#include "plugin/window/maintenance.hpp"
#include "plugin/window/maintenance_lock.hpp"

#include <fmt/format.h>

namespace compuerta::plugin::window {

namespace po = boost::program_options;

namespace {

void maintenance_options(po::options_description& d) {
    namespace msg = core::msg;
    // clang-format off
    d.add_options()
        ("backend", po::value<std::string>(), msg::tr("window.maintenance.opt.backend",
            {{"default", core::config::maintenance_decl().default_of("backend")}}).c_str())
        ("flag-file", po::value<std::string>(), msg::tr("window.maintenance.opt.flag_file").c_str())
        ("admin-url", po::value<std::string>(), msg::tr("window.maintenance.opt.admin_url").c_str())
        ("url", po::value<std::string>(), msg::tr("window.maintenance.opt.url").c_str())
        ("bypass-header", po::value<std::string>(), msg::tr("window.maintenance.opt.bypass_header").c_str());
    // clang-format on
}

// Reads only what `action` and the backend use: an unset ${VAR} in a key
// another backend needs is not an error here (the section's strings are
// expanded where used). A flag overrides its key.
MaintenanceSettings settings(core::cli::Invocation& inv, const std::string& action) {
    const auto& cfg = inv.config();
    const core::config::MaintenanceSection m =
        core::config::maintenance_decl().read(cfg, core::cli::given_flags(inv),
                                              {{"backend", "backend"},
                                               {"flag-file", "flag_file"},
                                               {"admin-url", "admin_url"},
                                               {"url", "public_url"},
                                               {"bypass-header", "bypass_header"}});
    MaintenanceSettings s;
    s.backend = m.backend;
    s.flag_file = m.flag_file.str_or("");
    auto ph = placeholders(inv);
    if (s.backend == "http") {
        s.admin_url = m.admin_url.str_or("");
        core::register_url_secrets(s.admin_url, "maintenance.admin_url");
        core::SecretRegistry::global().add(s.admin_url, "maintenance.admin_url");
        s.admin_method = m.admin_method;
        s.admin_on_body = fill_placeholders(m.admin_on_body, ph);
        s.admin_off_body = fill_placeholders(m.admin_off_body, ph);
        s.admin_token = m.admin_token.str_or("");
    }
    if (s.backend == "sql") {
        s.dsn = m.dsn.present() ? m.dsn.str() : core::config::configured_dsn(cfg).str_or("");
        core::register_dsn_secrets(s.dsn, "maintenance.dsn");
        if (m.on_sql)
            s.on_sql = fill_placeholders(*m.on_sql, ph);
        if (m.off_sql)
            s.off_sql = fill_placeholders(*m.off_sql, ph);
        if (m.state_sql)
            s.state_sql = fill_placeholders(*m.state_sql, ph);
    }
    if (action == "status") {
        s.public_url = m.public_url.str_or("");
        s.bypass_header = m.bypass_header.str_or("");
        if (!s.bypass_header.empty())
            s.bypass_value = m.bypass_value.str_or("");
        core::SecretRegistry::global().add(s.bypass_value, "maintenance.bypass_value");
        core::register_url_secrets(s.public_url, "maintenance.public_url");
    }
    s.tls.ca_file = m.ca_file.str_or("");
    s.insecure = m.insecure;
    s.tls.verify = !s.insecure;
    s.timeout = m.timeout;
    if (inv.common().timeout)
        s.timeout = *inv.common().timeout;
    return s;
}

// The --junit/--json report of a switch: one check, with what it changed (the
// rollback reads it back).
int report_switch(core::cli::Invocation& inv, const core::Event& e, core::Status status,
                  bool changed, core::WallTime started) {
    core::report::Suite suite = inv.make_suite("compuerta.maintenance");
    core::CheckResult c;
    c.id = e.event == core::events::MaintenanceOn::name ? "maintenance-on" : "maintenance-off";
    c.item = e.item;
    c.name = core::msg::tr(e.event == core::events::MaintenanceOn::name
                               ? "window.maintenance.check.on"
                               : "window.maintenance.check.off");
    c.classname = "maintenance.switch";
    c.status = status;
    c.message = e.summary;
    c.started = started;
    c.duration = std::chrono::duration_cast<core::Millis>(inv.clock().now() - started);
    c.evidence.emplace_back("changed", core::EvidenceValue::boolean(changed));
    suite.results.push_back(std::move(c));
    int code = status == core::Status::pass ? core::k_exit_ok : core::k_exit_failed;
    inv.write_reports(suite, code);
    return code;
}

int switch_mode(core::cli::Invocation& inv, const MaintenanceSettings& s, bool on) {
    if (s.backend == "file" && !s.flag_file.empty())
        core::check_output_path(s.flag_file, "maintenance.flag_file");
    auto http = inv.adapters().http();
    auto pg = inv.adapters().postgres();
    auto backend = make_backend(s, *http, *pg);
    if (s.insecure)
        inv.warn(core::msg::tr("window.maintenance.insecure"));
    // Never two at once on one environment (issue 15 item 9).
    auto lock = MaintenanceLock::acquire(journal_dir(inv), placeholders(inv)["environment"],
                                         on ? "maintenance on" : "maintenance off", s.timeout);
    auto started = inv.clock().now();
    auto r = backend->set(on, core::Deadline::after(s.timeout + core::Millis(1'000)));
    core::Event e = on ? core::events::make(core::events::MaintenanceOn{backend->name()}, "", "")
                       : core::events::make(core::events::MaintenanceOff{backend->name()}, "", "");
    const std::string base = on ? "window.event.maintenance_on" : "window.event.maintenance_off";
    if (!r) {
        e.status = "fail";
        e.summary = core::msg::tr(base + ".fail", {{"error", r.error().message}});
        e.evidence["error"] = r.error().message;
        inv.journal().append(e);
        inv.out() << core::mask(fmt::format("FAIL {} {}\n", e.item, e.summary));
        return report_switch(inv, e, core::Status::fail, false, started);
    }
    e.status = "ok";
    // What the checklist tells in its own language (plugin/window/event_text.cpp).
    e.evidence["changed"] = r->changed ? "true" : "false";
    e.evidence["target"] = r->target;
    e.summary = core::msg::tr(r->changed ? base : base + ".unchanged", {{"target", r->target}});
    inv.journal().append(e);
    inv.out() << core::mask(fmt::format("ok   {} {}\n", e.item, e.summary));
    return report_switch(inv, e, core::Status::pass, r->changed, started);
}

// The switch's state: the backend's own, else the journal's last maintenance event.
bool expected_state(core::cli::Invocation& inv, MaintenanceBackend& backend,
                    const MaintenanceSettings& s, std::string& source) {
    auto st = backend.state(core::Deadline::after(s.timeout));
    if (!st)
        throw core::CannotEvaluate(st.error().message);
    if (st->has_value()) {
        source = core::msg::tr("window.maintenance.source.backend", {{"backend", backend.name()}});
        return **st;
    }
    const auto& read = inv.history();
    bool on = false;
    source = core::msg::tr("window.maintenance.source.none");
    for (const auto& ev : read.events) {
        const auto env = core::events::envelope(ev);
        bool is_on = core::events::is<core::events::MaintenanceOn>(ev);
        if ((is_on || core::events::is<core::events::MaintenanceOff>(ev)) && env.status == "ok") {
            on = is_on;
            source = core::msg::tr("window.maintenance.source.journal",
                                   {{"event", env.event}, {"ts", env.ts_text}});
        }
    }
    return on;
}

int status(core::cli::Invocation& inv, const MaintenanceSettings& s) {
    if (s.public_url.empty())
        throw core::ConfigError(core::msg::tr("window.maintenance.error.public_url"));
    std::shared_ptr<core::Http> http = inv.adapters().http();
    auto pg = inv.adapters().postgres();
    auto backend = make_backend(s, *http, *pg);
    std::string source;
    bool on = expected_state(inv, *backend, s, source);
    std::vector<std::shared_ptr<core::Check>> checks;
    core::CheckSpec pub{"maintenance-public",
                        on ? "2" : "7.1",
                        core::msg::tr(on ? "window.maintenance.check.public_on"
                                         : "window.maintenance.check.public_off"),
                        "maintenance.status",
                        {},
                        s.timeout + core::Millis(1'000),
                        core::Status::fail};
    checks.push_back(std::make_shared<FunctionCheck>(pub, [http, s, on,
                                                           source](const core::Deadline& d) {
        auto code = probe_public(*http, s, false, d);
        core::Evidence ev{
            {"url", s.public_url}, {"switch", on ? "on" : "off"}, {"switch_source", source}};
        if (!code)
            return core::Outcome::make(
                core::Status::fail,
                core::msg::tr("window.maintenance.public.unreachable",
                              {{"url", s.public_url}, {"error", code.error().message}}),
                ev);
        ev.emplace_back("http_status", core::EvidenceValue::integer(*code));
        bool answered_503 = *code == 503;
        if (answered_503 == on)
            return core::Outcome::make(
                core::Status::pass,
                core::msg::tr("window.maintenance.public.as_expected", {{"status", *code}}), ev);
        return core::Outcome::make(
            core::Status::fail,
            on ? core::msg::tr("window.maintenance.public.not_503",
                               {{"status", *code}, {"source", source}})
               : core::msg::tr("window.maintenance.public.still_503", {{"source", source}}),
            ev);
    }));
    if (on && !s.bypass_header.empty()) {
        core::CheckSpec by{"maintenance-bypass",
                           "2",
                           core::msg::tr("window.maintenance.check.bypass"),
                           "maintenance.status",
                           {"maintenance-public"},
                           s.timeout + core::Millis(1'000),
                           core::Status::fail};
        checks.push_back(std::make_shared<FunctionCheck>(by, [http, s](const core::Deadline& d) {
            auto code = probe_public(*http, s, true, d);
            core::Evidence ev{{"url", s.public_url}, {"header", s.bypass_header}};
            if (!code)
                return core::Outcome::make(core::Status::fail, code.error().message, ev);
            ev.emplace_back("http_status", core::EvidenceValue::integer(*code));
            if (*code == 503)
                return core::Outcome::make(core::Status::fail,
                                           core::msg::tr("window.maintenance.bypass.blocked",
                                                         {{"header", s.bypass_header}}),
                                           ev);
            return core::Outcome::make(
                core::Status::pass,
                core::msg::tr("window.maintenance.bypass.passes",
                              {{"status", *code}, {"header", s.bypass_header}}),
                ev);
        }));
    }
    return inv.run_checks("compuerta.maintenance", checks, core::RunnerOptions{});
}

int run_maintenance(core::cli::Invocation& inv) {
    auto action = inv.arg<std::string>("action");
    if (!action)
        throw core::UsageError(core::msg::tr("window.maintenance.error.action"));
    MaintenanceSettings s = settings(inv, *action);
    if (*action == "on" || *action == "off") // the deployment lease (docs/window.md)
        lease::require(inv, "maintenance " + *action, *action == "on" ? "2" : "7.1");
    if (*action == "on")
        return switch_mode(inv, s, true);
    if (*action == "off") {
        // A snapshot killed while the database refused connections: put them back first.
        for (const auto& l : db::repair_unfinished_snapshots(inv, std::nullopt))
            inv.info("maintenance: " + l);
        return switch_mode(inv, s, false);
    }
    if (*action == "status")
        return status(inv, s);
    throw core::UsageError(
        core::msg::tr("window.maintenance.error.unknown_action", {{"action", *action}}));
}

} // namespace

const core::cli::Command& maintenance_command() {
    static const core::cli::Command cmd{
        "maintenance",
        "window.maintenance.summary",
        "compuerta maintenance on|off|status [--backend file|http|sql] [--flag-file PATH] "
        "[--admin-url URL] "
        "[--url PUBLIC_URL] [OPTIONS]",
        "window.maintenance.description",
        true,
        true,
        maintenance_options,
        {{"action", 1}},
        run_maintenance,
    };
    return cmd;
}

} // namespace compuerta::plugin::window
