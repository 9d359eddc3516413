// compuerta window open|close (plan steps 1 and 7).
#include "plugin/window/commands.hpp"

#include "core/config/sections/plan.hpp"
#include "core/errors.hpp"
#include "core/secrets.hpp"
#include "core/events.hpp"
#include "plugin/db/snapshot.hpp"
#include "plugin/lease/guard.hpp"
#include "plugin/window/common.hpp"
#include "plugin/window/open_window.hpp"
#include "plugin/window/text.hpp"

#include <fmt/format.h>

namespace compuerta::plugin::window {

namespace po = boost::program_options;

namespace {

void window_options(po::options_description& d) {
    namespace msg = core::msg;
    d.add_options()
        ("start", po::value<std::string>(), msg::tr("window.window.opt.start").c_str())
        ("end", po::value<std::string>(), msg::tr("window.window.opt.end").c_str())
        ("environment", po::value<std::string>(), msg::tr("window.window.opt.environment").c_str())
        ("release", po::value<std::string>(), msg::tr("window.window.opt.release").c_str())
        ("take-over", po::bool_switch(), msg::tr("window.window.opt.take_over").c_str());
}

// The flag, else what the open window journaled (`journaled`, for close),
// else the configuration's value, else `fallback`.
std::string pick(const core::cli::Invocation& inv, const char* flag, const std::string& journaled,
                 const core::config::Deferred& configured, const std::string& fallback = {}) {
    if (auto v = inv.arg<std::string>(flag))
        return *v;
    if (!journaled.empty())
        return journaled;
    return configured.str_or(fallback);
}

std::string time_value(const core::cli::Invocation& inv, const char* flag,
                       const std::string& journaled, const core::config::Deferred& configured,
                       const char* key, core::WallTime& out, bool& known) {
    std::string text = pick(inv, flag, journaled, configured);
    known = false;
    if (text.empty()) return text;
    if (!core::parse_rfc3339(text, out))
        throw core::UsageError(core::msg::tr("window.window.error.time",
                                             {{"flag", std::string("--") + flag}, {"key", key}, {"value", text}}));
    known = true;
    return text;
}

int run_window(core::cli::Invocation& inv) {
    auto action = inv.arg<std::string>("action");
    if (!action || (*action != "open" && *action != "close"))
        throw core::UsageError(core::msg::tr("window.window.error.action"));
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
            inv.warn(core::msg::tr("window.window.no_open_window", {{"dir", journal_dir(inv)}}));
    }
    const core::config::WindowSection window = core::config::window_decl().read(inv.config());
    core::WallTime start{}, end{};
    bool has_start = false, has_end = false;
    std::string start_text =
        time_value(inv, "start", opened.start, window.start, "window.start", start, has_start);
    std::string end_text =
        time_value(inv, "end", opened.end, window.end, "window.end", end, has_end);
    if (has_start && has_end && end <= start)
        throw core::UsageError(core::msg::tr("window.window.error.end_before_start", {{"end", end_text}, {"start", start_text}}));
    std::string environment =
        pick(inv, "environment", opened.environment, window.environment, id.environment);
    std::string release = pick(inv, "release", opened.release, window.release, id.tag);

    core::WallTime now = inv.clock().now();
    long long late = has_end && now > end ? std::chrono::duration_cast<std::chrono::minutes>(now - end).count() : 0;
    const core::events::WindowInfo info{start_text, end_text, environment, release};
    const std::string status = has_end && now > end ? "warn" : "ok";
    core::Event e = open ? core::events::make(core::events::WindowOpen{info, late}, status, "")
                         : core::events::make(core::events::WindowClose{info, late}, status, "");
    e.summary = window_event_text(info, late, open, run_lang());
    if (has_end && now > end) {
        inv.warn(core::msg::tr("window.window.overrun", {{"end", end_text}, {"minutes", late}}));
    } else if (open && has_start && now < start) {
        inv.info(core::msg::tr("window.window.early", {{"start", start_text}}));
    }
    if (!has_end) inv.warn(core::msg::tr("window.window.no_end"));
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
    r.name = core::msg::tr(open ? "window.window.check.open" : "window.window.check.close");
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
        "window.window.summary",
        "compuerta window open|close [--start T] [--end T] [--environment NAME] [--release TAG] [--take-over] [OPTIONS]",
        "window.window.description",
        true,
        false,
        window_options,
        {{"action", 1}},
        run_window,
    };
    return cmd;
}

} // namespace compuerta::plugin::window
