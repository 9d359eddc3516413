// compuerta signoff ITEM --by NAME [--note TEXT]: a recorded human sign-off.
#include "plugin/window/commands.hpp"

#include "core/errors.hpp"
#include "core/secrets.hpp"
#include "plugin/window/plan.hpp"
#include "core/events.hpp"

#include <fmt/format.h>

namespace compuerta::plugin::window {

namespace po = boost::program_options;

namespace {

void options(po::options_description& d) {
    d.add_options()
        ("by", po::value<std::string>(), "who signs off (required)")
        ("note", po::value<std::string>(), "a note kept with the sign-off");
}

int run(core::cli::Invocation& inv) {
    auto item = inv.arg<std::string>("item");
    if (!item) throw core::UsageError("signoff: name the plan item, e.g. compuerta signoff 1.2 --by \"Ana Pérez\"");
    auto by = inv.arg<std::string>("by");
    if (!by || by->empty()) throw core::UsageError("signoff: --by NAME is required (who signs off)");
    auto rows = plan_rows(inv.config());
    const PlanRow* row = find_row(rows, *item);
    if (row == nullptr) {
        std::string ids;
        for (const auto& r : rows) ids += (ids.empty() ? "" : ", ") + r.id;
        throw core::UsageError(fmt::format("signoff: \"{}\" is not a row of the plan nor of plan.rows; rows: {}", *item, ids));
    }
    std::string note = inv.arg<std::string>("note").value_or("");
    core::Event e = core::events::make(core::events::Signoff{*by, note}, "ok",
                                       fmt::format("{} {}: aprobado por {}", row->id, row->task_es, *by), row->id);
    e.actor = *by;
    inv.journal().append(e);
    inv.out() << core::mask(fmt::format("ok   {} aprobado por {}{}\n", row->id, *by, note.empty() ? "" : " — " + note));
    if (!row->manual) inv.info(fmt::format("note: row {} is not marked manual; the sign-off is recorded anyway", row->id));
    // --json/--junit: one check, the sign-off as journaled.
    core::report::Suite suite = inv.make_suite("compuerta.signoff");
    core::CheckResult r;
    r.id = "signoff-" + row->id;
    r.item = row->id;
    r.name = "Aprobación registrada (sign-off)";
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
        "Record a human sign-off for a plan row (1.2, or any row the config marks manual).",
        "compuerta signoff ITEM --by NAME [--note TEXT] [OPTIONS]",
        "Appends a `signoff` event (who, when, note) to the journal. ITEM must be a row of the plan\n"
        "(docs/plan-items.md) or of plan.rows in compuerta.yml; anything else is exit 2.\n"
        "Gates listed in plan.signoffs wait (exit 4) until the sign-offs they require are in the\n"
        "journal. Exit 0 recorded, 2 usage.",
        true,
        false,
        options,
        {{"item", 1}},
        run,
    };
    return cmd;
}

} // namespace compuerta::plugin::window
