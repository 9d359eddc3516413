#include "plugin/gates/env_command.hpp"

#include "core/config/sections/database.hpp"
#include "core/config/sections/environment.hpp"
#include "core/errors.hpp"
#include "core/messages/catalog.hpp"
#include "core/secrets.hpp"
#include "plugin/db/snapshot.hpp"
#include "plugin/gates/common.hpp"
#include "plugin/gates/env/certificate_check.hpp"
#include "plugin/gates/env/host_checks.hpp"
#include "plugin/gates/env/postgres_env_check.hpp"
#include "plugin/gates/env/target_checks.hpp"
#include "plugin/gates/env/variables_check.hpp"

#include <fmt/format.h>

namespace compuerta::plugin::gates {

namespace msg = core::msg;

namespace po = boost::program_options;
namespace cfg = core::config;

namespace {

void env_options(po::options_description& d) {
    const auto& cert = cfg::environment_certificate_decl();
    // clang-format off
    d.add_options()
        ("require-env", po::value<std::vector<std::string>>()->composing(), msg::tr("gates.env.opt.require_env").c_str())
        ("dsn", po::value<std::string>(), msg::tr("gates.env.opt.dsn").c_str())
        ("pg-min-version", po::value<std::string>(), msg::tr("gates.env.opt.pg_min_version").c_str())
        ("pg-extension", po::value<std::vector<std::string>>()->composing(), msg::tr("gates.env.opt.pg_extension").c_str())
        ("pg-setting", po::value<std::vector<std::string>>()->composing(), msg::tr("gates.env.opt.pg_setting").c_str())
        ("cert", po::value<std::string>(), msg::tr("gates.env.opt.cert").c_str())
        ("key", po::value<std::string>(), msg::tr("gates.env.opt.key").c_str())
        ("ca", po::value<std::string>(), msg::tr("gates.env.opt.ca").c_str())
        ("warn-days", po::value<int>(), msg::tr("gates.env.opt.warn_days", {{"default", cert.default_of("warn_days")}}).c_str())
        ("fail-days", po::value<int>(), msg::tr("gates.env.opt.fail_days", {{"default", cert.default_of("fail_days")}}).c_str())
        ("backup-dir", po::value<std::string>(), msg::tr("gates.env.opt.backup_dir").c_str())
        ("min-free", po::value<std::string>(), msg::tr("gates.env.opt.min_free").c_str())
        ("tool", po::value<std::vector<std::string>>()->composing(), msg::tr("gates.env.opt.tool").c_str())
        ("url", po::value<std::vector<std::string>>()->composing(), msg::tr("gates.env.opt.url").c_str())
        ("probe", po::value<std::vector<std::string>>()->composing(), msg::tr("gates.env.opt.probe").c_str());
    // clang-format on
}

// Builds the checks; unresolved ${VAR} in a value a check needs becomes that
// check's failed result instead of an exit 2.
struct Builder {
    core::cli::Invocation& inv;
    const cfg::EnvironmentSection& env;
    core::Postgres& pg;
    core::Certificates& certs;
    core::Http& http;
    core::Process& process;
    core::Millis timeout;
    std::vector<std::shared_ptr<core::Check>> checks;

    void fixed(core::CheckSpec spec, const std::string& message) {
        checks.push_back(std::make_shared<FixedCheck>(
            std::move(spec),
            core::Outcome::make(core::Status::fail,
                                msg::tr("gates.env.unresolved", {{"problem", message}}))));
    }

    // The expanded value, or nullopt after adding a failed check named by `spec`.
    std::optional<std::string> value(const cfg::Deferred& v, const core::CheckSpec& spec) {
        if (v.usable())
            return v.str();
        fixed(spec, v.error());
        return std::nullopt;
    }

    void variables() {
        std::vector<std::string> names = env.required_env;
        if (auto extra = inv.arg<std::vector<std::string>>("require-env"))
            names.insert(names.end(), extra->begin(), extra->end());
        if (!names.empty())
            checks.push_back(std::make_shared<RequiredVariablesCheck>(
                make_spec("env-variables", "2.3", msg::tr("gates.env.check.variables"), "gate.env",
                          timeout),
                names, inv.env()));
        checks.push_back(std::make_shared<ConfigCheck>(
            make_spec("env-config", "2.3", msg::tr("gates.env.check.config"), "gate.env", timeout),
            inv.config()));
    }

    void postgres() {
        const auto& pc = env.postgres;
        bool wanted = inv.has("dsn") || pc.configured || inv.has("pg-min-version") ||
                      inv.has("pg-extension") || inv.has("pg-setting");
        if (!wanted)
            return;
        auto spec = make_spec("env-postgres", "2.1", msg::tr("gates.env.check.postgres"),
                              "gate.env", timeout);
        PostgresRequirements r;
        if (auto d = inv.arg<std::string>("dsn"))
            r.dsn = *d;
        else if (pc.dsn.present()) {
            auto d2 = value(pc.dsn, spec);
            if (!d2)
                return;
            r.dsn = *d2;
        } else if (auto d3 = cfg::configured_dsn(inv.config()); d3.present()) {
            if (!d3.usable()) {
                fixed(spec, d3.error());
                return;
            }
            r.dsn = d3.str();
        }
        core::register_dsn_secrets(r.dsn, "environment.postgres.dsn");
        r.min_version = inv.arg<std::string>("pg-min-version").value_or("");
        if (r.min_version.empty() && pc.min_version.present()) {
            auto v = value(pc.min_version, spec);
            if (!v)
                return;
            r.min_version = *v;
        }
        if (!r.min_version.empty() && !version_number(r.min_version))
            throw core::UsageError(
                msg::tr("gates.env.pg_min_version_invalid", {{"value", r.min_version}}));
        r.extensions = pc.extensions;
        if (auto e = inv.arg<std::vector<std::string>>("pg-extension"))
            r.extensions.insert(r.extensions.end(), e->begin(), e->end());
        for (const auto& [k, v] : pc.settings) {
            auto s = value(v, spec);
            if (!s)
                return;
            r.settings.emplace_back(k, *s);
        }
        if (auto ss = inv.arg<std::vector<std::string>>("pg-setting")) {
            for (const auto& s : *ss) {
                auto eq = s.find('=');
                if (eq == std::string::npos || eq == 0)
                    throw core::UsageError(msg::tr("gates.env.pg_setting_invalid", {{"value", s}}));
                r.settings.emplace_back(s.substr(0, eq), s.substr(eq + 1));
            }
        }
        checks.push_back(std::make_shared<PostgresEnvCheck>(spec, std::move(r), pg));
    }

    void certificate(const std::string& id, const std::string& label,
                     const cfg::EnvCertificate& def) {
        auto spec = make_spec(id, "2.3", msg::tr("gates.env.check.certificate", {{"name", label}}),
                              "gate.env", timeout);
        CertificateRequirements r;
        auto cert = value(def.cert, spec);
        if (!cert)
            return;
        r.files.cert = *cert;
        for (auto [from, field] :
             {std::pair{&def.key, &r.files.key}, std::pair{&def.ca, &r.files.ca}}) {
            if (!from->present())
                continue;
            auto v = value(*from, spec);
            if (!v)
                return;
            *field = *v;
        }
        // The file's days, else the flag's, else the declared default.
        r.warn_days = static_cast<int>(
            def.warn_days_set ? def.warn_days : inv.arg<int>("warn-days").value_or(def.warn_days));
        r.fail_days = static_cast<int>(
            def.fail_days_set ? def.fail_days : inv.arg<int>("fail-days").value_or(def.fail_days));
        checks.push_back(std::make_shared<CertificateCheck>(spec, r, certs, inv.clock()));
    }

    void certificates() {
        int n = 0;
        for (const auto& def : env.certificates) {
            ++n;
            std::string name = def.name.value_or(fmt::format("{}", n));
            certificate("env-cert-" + name, name, def);
        }
        if (auto cert = inv.arg<std::string>("cert")) {
            auto spec = make_spec("env-cert", "2.3", msg::tr("gates.env.check.client_certificate"),
                                  "gate.env", timeout);
            CertificateRequirements r;
            r.files = {*cert, inv.arg<std::string>("key").value_or(""),
                       inv.arg<std::string>("ca").value_or("")};
            const auto defaults =
                cfg::environment_certificate_decl().read(cfg::Value{}); // declared
            r.warn_days = inv.arg<int>("warn-days").value_or(static_cast<int>(defaults.warn_days));
            r.fail_days = inv.arg<int>("fail-days").value_or(static_cast<int>(defaults.fail_days));
            checks.push_back(std::make_shared<CertificateCheck>(spec, r, certs, inv.clock()));
        } else if (inv.has("key") || inv.has("ca")) {
            throw core::UsageError(msg::tr("gates.env.key_ca_need_cert"));
        }
    }

    void disk_entry(const std::string& id, const std::string& path, const std::string& size) {
        auto bytes = parse_size(size);
        if (!bytes)
            throw core::UsageError(msg::tr("gates.env.min_free_invalid", {{"value", size}}));
        checks.push_back(std::make_shared<DiskSpaceCheck>(
            make_spec(id, "2.1", msg::tr("gates.env.check.disk_path", {{"path", path}}), "gate.env",
                      timeout),
            path, *bytes));
    }

    void disks() {
        int n = 0;
        for (const auto& def : env.disk) {
            std::string id = fmt::format("env-disk-{}", ++n);
            auto spec = make_spec(id, "2.1", msg::tr("gates.env.check.disk"), "gate.env", timeout);
            auto path = value(def.path, spec);
            if (!path)
                continue;
            disk_entry(id, *path, def.min_free);
        }
        if (auto dir = inv.arg<std::string>("backup-dir"))
            disk_entry("env-disk", *dir, inv.arg<std::string>("min-free").value_or("1GB"));
        else if (inv.has("min-free"))
            throw core::UsageError(msg::tr("gates.env.min_free_needs_dir"));
    }

    void tools() {
        std::vector<std::string> t = env.tools;
        if (auto extra = inv.arg<std::vector<std::string>>("tool"))
            t.insert(t.end(), extra->begin(), extra->end());
        if (!t.empty())
            checks.push_back(std::make_shared<ToolsCheck>(
                make_spec("env-tools", "2.1", msg::tr("gates.env.check.tools"), "gate.env",
                          timeout),
                t, inv.env()));
    }

    void url(const std::string& id, UrlProbe p) {
        checks.push_back(std::make_shared<UrlCheck>(
            make_spec(id, "2.1", msg::tr("gates.env.check.url_named", {{"url", core::mask(p.url)}}),
                      "gate.env", timeout),
            std::move(p), http));
    }

    void target() {
        int n = 0;
        for (const auto& def : env.urls) {
            std::string id = fmt::format("env-url-{}", ++n);
            auto u = value(
                def.url, make_spec(id, "2.1", msg::tr("gates.env.check.url"), "gate.env", timeout));
            if (!u)
                continue;
            UrlProbe p;
            p.url = *u;
            p.expect_status = def.expect_status.value_or(0);
            p.tls.ca_file = def.ca_file;
            p.tls.verify = !def.insecure;
            url(id, std::move(p));
        }
        for (const auto& u :
             inv.arg<std::vector<std::string>>("url").value_or(std::vector<std::string>{})) {
            UrlProbe p;
            p.url = u;
            url(fmt::format("env-url-{}", ++n), std::move(p));
        }
        std::vector<std::string> cmds = env.commands;
        if (auto extra = inv.arg<std::vector<std::string>>("probe"))
            cmds.insert(cmds.end(), extra->begin(), extra->end());
        int k = 0;
        for (const auto& c : cmds)
            checks.push_back(std::make_shared<CommandCheck>(
                make_spec(fmt::format("env-probe-{}", ++k), "2.1",
                          msg::tr("gates.env.check.probe", {{"command", core::mask(c)}}),
                          "gate.env", timeout),
                c, process));
    }
};

int run_env(core::cli::Invocation& inv) {
    auto pg = inv.adapters().postgres();
    auto certs = inv.adapters().certificates();
    auto http = inv.adapters().http();
    auto process = inv.adapters().process();
    const cfg::EnvironmentSection env = cfg::environment_decl().read(inv.config());
    core::Millis timeout = inv.common().timeout.value_or(env.timeout);
    // A snapshot killed while the database refused connections: put them back before probing it.
    for (const auto& l : db::repair_unfinished_snapshots(inv, inv.arg<std::string>("dsn")))
        inv.info("gate env: " + l);
    Builder b{inv, env, *pg, *certs, *http, *process, timeout, {}};
    b.variables();
    b.postgres();
    b.certificates();
    b.disks();
    if (cfg::database_decl().read(inv.config()).backup_snapshot)
        b.checks.push_back(std::make_shared<FixedCheck>(
            make_spec("env-snapshot", "2.1", msg::tr("gates.env.check.snapshot"), "gate.env",
                      timeout),
            db::snapshot_readiness(inv, inv.arg<std::string>("dsn"))));
    b.tools();
    b.target();
    return inv.run_checks("compuerta.gate.env", b.checks, {});
}

} // namespace

const core::cli::Command& gate_env_command() {
    static const core::cli::Command cmd{
        "gate env",
        "gates.env.summary",
        "compuerta gate env [--require-env NAME]... [--dsn DSN] [--cert FILE --key FILE --ca FILE] "
        "[OPTIONS]",
        "gates.env.description",
        true,
        true,
        env_options,
        {},
        run_env,
    };
    return cmd;
}

} // namespace compuerta::plugin::gates
