// compuerta window open|close (plan steps 1 and 7).
#include "plugin/window/commands.hpp"

#include "core/errors.hpp"
#include "core/secrets.hpp"
#include "core/events.hpp"
#include "plugin/db/snapshot.hpp"
#include "plugin/lease/guard.hpp"
#include "plugin/window/common.hpp"
#include "plugin/window/open_window.hpp"

#include <fmt/format.h>

namespace compuerta::plugin::window {

namespace po = boost::program_options;

namespace {

void options(po::options_description& d) {
    d.add_options()
        ("start", po::value<std::string>(), "planned start, RFC 3339 (default window.start)")
        ("end", po::value<std::string>(), "planned end, RFC 3339 (default window.end)")
        ("environment", po::value<std::string>(), "environment (default window.environment, CI environment)")
        ("release", po::value<std::string>(), "release deployed (default window.release, CI tag)")
        ("take-over", po::bool_switch(), "open: take over another run's stale deployment lease "
                                         "(older than lease.max_age, or its run ended)");
}

// The flag, else what the open window journaled (`journaled`, for close),
// else the configuration key, else `fallback`.
std::string pick(const core::cli::Invocation& inv, const char* flag, const std::string& journaled,
                 const char* key, const std::string& fallback = {}) {
    if (auto v = inv.arg<std::string>(flag))
        return *v;
    if (!journaled.empty())
        return journaled;
    return inv.config().at(key).str_or(fallback);
}

std::string time_value(const core::cli::Invocation& inv, const char* flag,
                       const std::string& journaled, const char* key, core::WallTime& out,
                       bool& known) {
    std::string text = pick(inv, flag, journaled, key);
    known = false;
    if (text.empty()) return text;
    if (!core::parse_rfc3339(text, out))
        throw core::UsageError(fmt::format("--{} / {}: \"{}\" is not an RFC 3339 time (2026-12-01T02:00:00-06:00)",
                                           flag, key, text));
    known = true;
    return text;
}

int run(core::cli::Invocation& inv) {
    auto action = inv.arg<std::string>("action");
    if (!action || (*action != "open" && *action != "close"))
        throw core::UsageError("window: say open or close (compuerta window open)");
    bool open = *action == "open";
    const auto& id = inv.identity();
    // Closing: the window that `window open` journaled says what was planned.
    core::events::WindowInfo opened;
    if (!open) {
        auto w =
            open_window(inv.history().events, inv.arg<std::string>("environment").value_or(""));
        if (w)
            opened = w->window;
        else
            inv.warn(fmt::format("no open window in the journal {}: closing with what the flags "
                                 "and the configuration say (run `compuerta window open` at the "
                                 "start of the window)",
                                 journal_dir(inv)));
    }
    core::WallTime start{}, end{};
    bool has_start = false, has_end = false;
    std::string start_text =
        time_value(inv, "start", opened.start, "window.start", start, has_start);
    std::string end_text = time_value(inv, "end", opened.end, "window.end", end, has_end);
    if (has_start && has_end && end <= start)
        throw core::UsageError(fmt::format("window: end {} is not after start {}", end_text, start_text));
    std::string environment =
        pick(inv, "environment", opened.environment, "window.environment", id.environment);
    std::string release = pick(inv, "release", opened.release, "window.release", id.tag);

    core::WallTime now = inv.clock().now();
    long long late = has_end && now > end ? std::chrono::duration_cast<std::chrono::minutes>(now - end).count() : 0;
    const core::events::WindowInfo info{start_text, end_text, environment, release};
    const std::string status = has_end && now > end ? "warn" : "ok";
    core::Event e = open ? core::events::make(core::events::WindowOpen{info, late}, status, "")
                         : core::events::make(core::events::WindowClose{info, late}, status, "");
    std::string what = open ? "ventana de mantenimiento iniciada" : "ventana de mantenimiento finalizada";
    e.summary = fmt::format("{} ({} en {}; planeada {} – {})", what, release.empty() ? "versión sin nombre" : release,
                            environment.empty() ? "entorno sin nombre" : environment,
                            start_text.empty() ? "?" : start_text, end_text.empty() ? "?" : end_text);
    if (has_end && now > end) {
        e.summary += fmt::format("; la ventana se excedió por {} min", late);
        inv.warn(fmt::format("the window planned to end at {} is overrun by {} min; tell the stakeholders", end_text, late));
    } else if (open && has_start && now < start) {
        inv.info(fmt::format("note: opening the window before its planned start {}", start_text));
    }
    if (!has_end) inv.warn("no planned end (window.end or --end): overrun cannot be detected");
    // The deployment lease (docs/window.md): taken before the window is
    // journaled open, released after it is journaled closed.
    lease::Binding held = lease::bind(inv, environment);
    if (!release.empty()) held.release = release;
    if (open) lease::take_for_window(inv, held, inv.args()["take-over"].as<bool>());
    inv.journal().append(e);
    if (!open)
        for (const auto& l : db::prune_snapshots_after_release(inv)) inv.info("window: " + l);
    inv.out() << core::mask(fmt::format("{} {} {}\n", e.status == "ok" ? "ok  " : "warn", e.item, e.summary));
    if (!open) lease::release_at_end(inv, held, core::events::WindowClose::name);
    // --json/--junit: one check, the window as journaled.
    core::report::Suite suite = inv.make_suite("compuerta.window");
    core::CheckResult r;
    r.id = e.event;
    r.item = e.item;
    r.name = open ? "Inicio de la ventana de mantenimiento" : "Fin de la ventana de mantenimiento";
    r.classname = "window." + *action;
    r.status = e.status == "ok" ? core::Status::pass : core::Status::warn;
    r.message = e.summary;
    r.started = now;
    r.evidence = {{"start", start_text},
                  {"end", end_text},
                  {"environment", environment},
                  {"release", release},
                  {"overrun_minutes", core::EvidenceValue::integer(late)}};
    suite.results.push_back(std::move(r));
    inv.write_reports(suite, core::k_exit_ok);
    return core::k_exit_ok;
}

} // namespace

const core::cli::Command& window_command() {
    static const core::cli::Command cmd{
        "window",
        "Open or close the deployment window (plan steps 1 and 7).",
        "compuerta window open|close [--start T] [--end T] [--environment NAME] [--release TAG] [--take-over] [OPTIONS]",
        "Journals window.open / window.close with the planned window (window: start, end,\n"
        "environment, release; flags override). `close` takes what it does not get from flags from\n"
        "the window that `open` journaled (the latest one still open), then from the configuration.\n"
        "Warns, and journals status warn, when the planned end has passed. Pair it with\n"
        "`compuerta notify window` and `compuerta notify success`.\n"
        "`open` takes the environment's deployment lease (table compuerta_lease in the\n"
        "`postgres` database of database.dsn's server, or lease.dsn) for this run; every command\n"
        "that changes something checks it; `close` and the end of a rollback release it. Another\n"
        "run's lease refuses `open` (exit 3, naming the holder); a stale one (older than\n"
        "lease.max_age, or its run ended) is taken only with --take-over. Exit 0 (a warning is\n"
        "not a failure), 2 usage, 3 the lease is another run's or its store cannot be reached.",
        true,
        false,
        options,
        {{"action", 1}},
        run,
    };
    return cmd;
}

} // namespace compuerta::plugin::window
