#include "core/util/text.hpp"
#include "smoke/checks/logs.hpp"

#include "core/config/config.hpp"
#include "core/config/rules.hpp"
#include "core/errors.hpp"
#include "core/events.hpp"
#include "core/journal.hpp"
#include "core/messages/catalog.hpp"
#include "core/secrets.hpp"

#include <fmt/format.h>

namespace compuerta::smoke::checks {

namespace msg = core::msg;

namespace {

std::string join(const std::vector<std::string>& v, std::size_t max = 5) {
    std::string out;
    for (std::size_t i = 0; i < v.size() && i < max; ++i)
        out += (i ? ", " : "") + v[i];
    if (v.size() > max)
        out += msg::tr("smoke.logs.more", {{"number", v.size() - max}});
    return out;
}

} // namespace

const std::vector<std::string>& default_log_patterns() {
    static const std::vector<std::string> p = {
        R"(\b(ERROR|FATAL|CRITICAL|PANIC)\b)",      R"(\b[A-Za-z.]*Exception\b)",
        R"(\bTraceback \(most recent call last\))", R"(\bSegmentation fault\b)",
        R"(\bOutOfMemory|\bout of memory\b)",
    };
    return p;
}

std::optional<core::WallTime> resolve_since(const std::string& spec, const std::string& journal_dir,
                                            core::WallTime now, const std::string& where,
                                            std::string& described) {
    if (!spec.empty() && spec != "deploy") {
        core::WallTime t;
        if (core::parse_rfc3339(spec, t)) {
            described = msg::tr("smoke.logs.window.since", {{"time", core::format_rfc3339(t)}});
            return t;
        }
        if (auto d = core::config::parse_duration(spec)) {
            described = msg::tr("smoke.logs.window.ago",
                                {{"time", core::format_rfc3339(now - *d)}, {"duration", spec}});
            return now - *d;
        }
        throw core::ConfigError(msg::tr(
            "smoke.logs.config.since",
            {{"where", where}, {"problem", core::config::since_problem(spec).value_or("")}}));
    }
    auto read = core::read_journal(journal_dir);
    std::optional<core::WallTime> found;
    for (const auto& ev : read.events) {
        // A deploy of code starts with deploy.start, or a rollback's redeploy of the
        // previous release (rollback.redeploy, status started): the newest wins.
        const auto env = core::events::envelope(ev);
        bool starts_deploy =
            core::events::is<core::events::DeployStart>(ev) ||
            (env.event == core::events::k_rollback_redeploy && env.status == "started");
        if (starts_deploy && env.ts != core::WallTime{})
            found = env.ts;
    }
    if (found)
        described = msg::tr("smoke.logs.window.deploy",
                            {{"time", core::format_rfc3339(*found)}, {"journal", journal_dir}});
    else
        described = msg::tr("smoke.logs.window.whole", {{"journal", journal_dir}});
    return found;
}

LogsCheck::LogsCheck(core::CheckSpec spec, LogsOptions opts)
    : core::Check(std::move(spec)), m_opts(std::move(opts)) {
    auto build = [&](const std::vector<std::string>& pats, const char* key) {
        if (auto bad = logs::validate_patterns(pats, m_opts.matcher.ignore_case))
            throw core::ConfigError(
                msg::tr("smoke.logs.config.pattern", {{"check", this->spec().id},
                                                      {"key", key},
                                                      {"index", bad->index},
                                                      {"pattern", pats[bad->index]},
                                                      {"reason", bad->message}}));
        try {
            return logs::make_matcher(pats, m_opts.matcher);
        } catch (const std::invalid_argument& e) {
            throw core::ConfigError(
                msg::tr("smoke.logs.config.matcher",
                        {{"check", this->spec().id}, {"key", key}, {"reason", e.what()}}));
        }
    };
    if (m_opts.patterns.empty())
        throw core::ConfigError(
            msg::tr("smoke.logs.config.no_patterns", {{"check", this->spec().id}}));
    m_errors = build(m_opts.patterns, "patterns");
    if (!m_opts.allow.empty())
        m_allow = build(m_opts.allow, "allow");
}

core::Outcome LogsCheck::run(const core::Deadline& deadline) {
    std::string window;
    logs::ScanOptions scan = m_opts.scan;
    scan.since = resolve_since(m_opts.since_spec, m_opts.journal_dir, core::SystemClock().now(),
                               spec().id, window);
    auto r = logs::scan_logs(scan, *m_errors, m_allow.get(), m_opts.patterns.size(), deadline);

    core::Evidence ev = {{"engine", std::string(m_errors->engine())},
                         {"window", window},
                         {"files", core::EvidenceValue::integer(r.files.size())},
                         {"bytes", core::EvidenceValue::integer(r.bytes)},
                         {"matched", core::EvidenceValue::integer(r.matched)},
                         {"allowed", core::EvidenceValue::integer(r.allowed)},
                         {"before_window", core::EvidenceValue::integer(r.before_window)}};
    for (std::size_t i = 0; i < r.per_pattern.size(); ++i)
        if (r.per_pattern[i] > 0)
            ev.emplace_back("pattern." + std::to_string(i),
                            core::EvidenceValue::integer(r.per_pattern[i]));
    std::string detail;
    for (const auto& h : r.first) {
        std::string line = fmt::format("{}:{}: {}", h.file, h.line, core::mask(h.text));
        ev.emplace_back("line." + std::to_string(&h - r.first.data() + 1), line);
        detail += line + "\n";
    }
    std::string scanned = msg::trn("smoke.logs.scanned", static_cast<long long>(r.files.size()),
                                   {{"size", core::util::mib(r.bytes)}, {"window", window}});
    auto out = [&](core::Status s, std::string msg) {
        core::Outcome o = core::Outcome::make(s, std::move(msg), ev);
        o.detail = detail;
        return o;
    };

    if (r.matched > m_opts.max_matches) {
        const auto& h = r.first.front();
        return out(core::Status::fail,
                   msg::trn("smoke.logs.fail", static_cast<long long>(r.matched),
                            {{"threshold", m_opts.max_matches},
                             {"scanned", scanned},
                             {"file", h.file},
                             {"line", h.line},
                             {"text", core::mask(h.text)}}));
    }
    if (r.timed_out)
        return out(core::Status::error,
                   msg::trn("smoke.logs.timed_out", static_cast<long long>(r.matched),
                            {{"size", core::util::mib(r.bytes)}}));
    if (!r.problems.empty())
        return out(core::Status::error,
                   msg::tr("smoke.logs.unreadable", {{"files", join(r.problems)}}));
    if (!r.unmatched_globs.empty() && r.files.empty() && r.skipped_old.empty())
        return out(core::Status::error,
                   msg::tr("smoke.logs.no_files", {{"globs", join(r.unmatched_globs)}}));
    if (m_opts.warn_matches && r.matched > *m_opts.warn_matches)
        return out(core::Status::warn,
                   msg::trn("smoke.logs.warn", static_cast<long long>(r.matched),
                            {{"warn", *m_opts.warn_matches}, {"scanned", scanned}}));
    std::string text =
        msg::trn("smoke.logs.pass", static_cast<long long>(r.matched),
                 {{"allowed", msg::trn("smoke.logs.allowed", static_cast<long long>(r.allowed))},
                  {"scanned", scanned}});
    if (!r.unmatched_globs.empty())
        text = msg::tr("smoke.logs.pass.unmatched",
                       {{"message", text}, {"globs", join(r.unmatched_globs)}});
    return out(core::Status::pass, text);
}

const cfg::SectionDecl<LogsConfig>& logs_decl() {
    static const cfg::SectionDecl<LogsConfig> decl = [] {
        using C = LogsConfig;
        namespace s = cfg::s;
        auto pattern = [] { return s::with_rule(s::str(), "regex.logs"); };
        cfg::SectionDecl<C> d("logs");
        d.strings("paths", &C::paths, {}, "config.smoke.checks.logs.paths").required();
        optional_strings(d, "patterns", &C::patterns,
                         s::list(pattern(), "config.smoke.checks.logs.patterns"));
        d.custom("allow", s::list(pattern(), "config.smoke.checks.logs.allow"),
                 [](C& out, const cfg::Value& v) { out.allow = v.strings(); })
            .boolean("ignore_case", &C::ignore_case, false, "config.smoke.checks.logs.ignore_case");
        placed_integer(d, "max_matches", &C::max_matches, 0,
                       "config.smoke.checks.logs.max_matches");
        placed_optional_integer(d, "warn_matches", &C::warn_matches,
                                "config.smoke.checks.logs.warn_matches")
            .text_node("since", &C::since,
                       s::with_rule(s::str("config.smoke.checks.logs.since"), "since"), "")
            .choice("timezone", &C::timezone, {"utc", "local"}, "utc",
                    "config.smoke.checks.logs.timezone")
            .integer("evidence_lines", &C::evidence_lines, 5,
                     "config.smoke.checks.logs.evidence_lines")
            .choice("engine", &C::engine, {"auto", "hyperscan", "pcre2"}, "auto",
                    "config.smoke.checks.logs.engine");
        placed_integer(d, "buffer_kib", &C::buffer_kib, 1024,
                       "config.smoke.checks.logs.buffer_kib");
        return d;
    }();
    return decl;
}

std::shared_ptr<core::Check> make_logs(const core::config::Value& def, core::CheckSpec spec,
                                       const SuiteContext& ctx) {
    const LogsConfig c = logs_decl().read(def);
    LogsOptions o;
    o.scan.globs = c.paths;
    if (o.scan.globs.empty())
        throw core::ConfigError(
            msg::tr("smoke.logs.config.no_paths", {{"where", def.where()}, {"check", spec.id}}));
    o.patterns = c.patterns.value_or(default_log_patterns());
    o.allow = c.allow;
    o.matcher.ignore_case = c.ignore_case;
    o.matcher.engine = c.engine == "hyperscan" ? logs::Engine::hyperscan
                       : c.engine == "pcre2"   ? logs::Engine::pcre2
                                               : logs::Engine::automatic;
    if (c.max_matches.value < 0)
        throw core::ConfigError(
            msg::tr("smoke.logs.config.max_matches", {{"where", c.max_matches.where()}}));
    o.max_matches = static_cast<std::uint64_t>(c.max_matches.value);
    if (const auto& w = c.warn_matches.value) {
        if (*w < 0 || static_cast<std::uint64_t>(*w) > o.max_matches)
            throw core::ConfigError(
                msg::tr("smoke.logs.config.warn_matches",
                        {{"where", c.warn_matches.where()}, {"max", o.max_matches}}));
        o.warn_matches = static_cast<std::uint64_t>(*w);
    }
    o.scan.evidence_lines = static_cast<std::size_t>(std::max<std::int64_t>(1, c.evidence_lines));
    o.scan.zone = c.timezone == "local" ? logs::Zone::local : logs::Zone::utc;
    if (auto kib = c.buffer_kib.value; kib >= 64 && kib <= 65536)
        o.scan.buffer_size = static_cast<std::size_t>(kib) * 1024;
    else
        throw core::ConfigError(
            msg::tr("smoke.logs.config.buffer_kib", {{"where", c.buffer_kib.where()}}));
    // --since (COMPUERTA_SINCE) overrides the file; then the check's `since`; then the journal.
    o.since_spec = ctx.since ? *ctx.since : ctx.env.get_or("COMPUERTA_SINCE", c.since);
    o.journal_dir = core::Journal::resolve_dir(ctx.journal_dir, ctx.env).string();
    std::string described;
    if (!o.since_spec.empty() && o.since_spec != "deploy")
        resolve_since(o.since_spec, o.journal_dir, core::SystemClock().now(), spec.id,
                      described); // validate now
    return std::make_shared<LogsCheck>(std::move(spec), std::move(o));
}

} // namespace compuerta::smoke::checks
