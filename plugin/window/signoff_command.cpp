// compuerta signoff ITEM --by NAME [--note TEXT]: a recorded human sign-off.
#include "plugin/window/commands.hpp"

#include "core/errors.hpp"
#include "core/secrets.hpp"
#include "plugin/window/plan.hpp"
#include "plugin/window/text.hpp"
#include "core/events.hpp"

#include <fmt/format.h>

namespace compuerta::plugin::window {

namespace po = boost::program_options;

namespace {

void signoff_options(po::options_description& d) {
    d.add_options()
        ("by", po::value<std::string>(), core::msg::tr("window.signoff.opt.by").c_str())
        ("note", po::value<std::string>(), core::msg::tr("window.signoff.opt.note").c_str());
}

int run_signoff(core::cli::Invocation& inv) {
    auto item = inv.arg<std::string>("item");
    if (!item) throw core::UsageError(core::msg::tr("window.signoff.error.item"));
    auto by = inv.arg<std::string>("by");
    if (!by || by->empty()) throw core::UsageError(core::msg::tr("window.signoff.error.by"));
    auto rows = plan_rows(inv.config());
    const PlanRow* row = find_row(rows, *item);
    if (row == nullptr) {
        std::string ids;
        for (const auto& r : rows) ids += (ids.empty() ? "" : ", ") + r.id;
        throw core::UsageError(core::msg::tr("window.signoff.error.unknown_row", {{"item", *item}, {"rows", ids}}));
    }
    std::string note = inv.arg<std::string>("note").value_or("");
    const Lang lang = run_lang();
    core::Event e = core::events::make(
        core::events::Signoff{*by, note}, "ok",
        tx(lang, "window.event.signoff", {{"item", row->id}, {"task", row->task(lang)}, {"by", *by}}), row->id);
    e.actor = *by;
    inv.journal().append(e);
    inv.out() << core::mask(fmt::format(
        "ok   {}\n", note.empty() ? tx(lang, "window.signoff.line", {{"item", row->id}, {"by", *by}})
                               : tx(lang, "window.signoff.line.note", {{"item", row->id}, {"by", *by}, {"note", note}})));
    if (!row->manual) inv.info(tx(lang, "window.signoff.not_manual", {{"item", row->id}}));
    // --json/--junit: one check, the sign-off as journaled.
    core::report::Suite suite = inv.make_suite("compuerta.signoff");
    core::CheckResult r;
    r.id = "signoff-" + row->id;
    r.item = row->id;
    r.name = tx(lang, "window.signoff.check");
    r.classname = "signoff";
    r.message = e.summary;
    r.started = inv.clock().now();
    r.evidence = {{"by", *by}, {"manual_row", core::EvidenceValue::boolean(row->manual)}};
    if (!note.empty())
        r.evidence.emplace_back("note", note);
    suite.results.push_back(std::move(r));
    inv.write_reports(suite, core::k_exit_ok);
    return core::k_exit_ok;
}

} // namespace

const core::cli::Command& signoff_command() {
    static const core::cli::Command cmd{
        "signoff",
        "window.signoff.summary",
        "compuerta signoff ITEM --by NAME [--note TEXT] [OPTIONS]",
        "window.signoff.description",
        true,
        false,
        signoff_options,
        {{"item", 1}},
        run_signoff,
    };
    return cmd;
}

} // namespace compuerta::plugin::window
