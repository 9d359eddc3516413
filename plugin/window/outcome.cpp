#include "plugin/window/outcome.hpp"

#include "core/events.hpp"
#include "core/util/json.hpp"
#include "plugin/window/text.hpp"

#include <fmt/format.h>

namespace compuerta::plugin::window {

namespace {

bool is_rollback_row(const PlanRow& row) {
    return row.section == Section::rollback;
}

// The first row of the deployment (sections 3 and 4) that failed, in plan order.
const PlanRow* first_failure(const ChecklistInput& in) {
    const PlanRow* heading = nullptr;
    for (const auto& row : in.rows) {
        if (is_rollback_row(row))
            continue;
        auto it = in.record.rows.find(row.id);
        if (it == in.record.rows.end() || it->second.state != RowState::failed)
            continue;
        if (row.id.find('.') != std::string::npos)
            return &row; // a sub-row says more than its heading
        if (!heading)
            heading = &row;
    }
    return heading;
}

// rollback.done's status: "ok", "fail", or "" when the rollback has not ended.
std::string rollback_end(const Record& r) {
    std::string status;
    for (const auto& ev : r.events)
        if (core::util::json_text(ev, "event") == core::events::RollbackDone::name)
            status = core::util::json_text(ev, "status");
    return status;
}

} // namespace

DeployOutcome outcome_of(const ChecklistInput& in) {
    const Record& r = in.record;
    const Lang lang = in.lang;
    DeployOutcome o;
    if (r.events.empty())
        return o;
    const PlanRow* failed = first_failure(in);
    std::string what = failed ? failed->id + " " + failed->task(lang) : tx(lang, "window.outcome.a_step");
    auto row = [&](const std::string& id) {
        auto it = r.rows.find(id);
        return it == r.rows.end() ? RowStatus{} : it->second;
    };
    std::string previous =
        r.previous_release.empty() ? tx(lang, "window.outcome.previous_release") : r.previous_release;
    auto set = [&](OutcomeKind kind, const char* name, const core::msg::Params& params) {
        o.kind = kind;
        o.label = tx(lang, std::string("window.outcome.label.") + name);
        o.sentence = tx(lang, std::string("window.outcome.") + name, params);
    };
    if (r.rolled_back) {
        std::string end = rollback_end(r);
        RowStatus verify = row("R4");
        if (end == "ok" && verify.state == RowState::done)
            set(OutcomeKind::rolled_back, "rolled_back",
                {{"what", what}, {"previous", previous}, {"time", format_time(verify.last)}});
        else if (end.empty())
            set(OutcomeKind::rollback_running, "rollback_running", {{"what", what}});
        else
            set(OutcomeKind::rollback_incomplete, "rollback_incomplete", {{"what", what}, {"previous", previous}});
        return o;
    }
    if (failed) {
        set(OutcomeKind::failed, "failed", {{"what", what}});
        return o;
    }
    RowStatus smoke = row("6");
    bool smoke_done = true, any_smoke = false;
    for (const auto& pr : in.rows) {
        if (pr.id.rfind("6.", 0) != 0)
            continue;
        any_smoke = true;
        auto st = row(pr.id).state;
        smoke_done = smoke_done && (st == RowState::done || st == RowState::warn);
        if (row(pr.id).last > smoke.last)
            smoke.last = row(pr.id).last;
    }
    std::string release = r.release.empty() ? tx(lang, "window.outcome.the_release") : r.release;
    const core::msg::Params params{
        {"release", release}, {"environment", r.environment}, {"time", format_time(smoke.last)}};
    const bool env = !r.environment.empty();
    if (any_smoke && smoke_done) {
        set(OutcomeKind::deployed, "deployed", params);
        if (!env) o.sentence = tx(lang, "window.outcome.deployed.no_environment", params);
        return o;
    }
    set(OutcomeKind::in_progress, "in_progress", params);
    if (!env) o.sentence = tx(lang, "window.outcome.in_progress.no_environment", params);
    return o;
}

const char* outcome_class(OutcomeKind k) {
    switch (k) {
    case OutcomeKind::deployed:
        return "outcome-ok";
    case OutcomeKind::rolled_back:
        return "outcome-rolled-back";
    case OutcomeKind::rollback_incomplete:
    case OutcomeKind::failed:
        return "outcome-failed";
    case OutcomeKind::rollback_running:
    case OutcomeKind::in_progress:
        return "outcome-running";
    case OutcomeKind::none:
        break;
    }
    return "outcome-none";
}

} // namespace compuerta::plugin::window
