#include "plugin/window/outcome.hpp"

#include "core/events.hpp"
#include "core/util/json.hpp"

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
    bool en = in.lang == Lang::en;
    DeployOutcome o;
    if (r.events.empty())
        return o;
    const PlanRow* failed = first_failure(in);
    std::string what =
        failed ? failed->id + " " + failed->task(in.lang) : (en ? "a step" : "un paso");
    auto row = [&](const std::string& id) {
        auto it = r.rows.find(id);
        return it == r.rows.end() ? RowStatus{} : it->second;
    };
    std::string previous = r.previous_release.empty()
                               ? (en ? "the previous release" : "la versión anterior")
                               : r.previous_release;
    if (r.rolled_back) {
        std::string end = rollback_end(r);
        RowStatus verify = row("R4");
        if (end == "ok" && verify.state == RowState::done) {
            o.kind = OutcomeKind::rolled_back;
            o.label = en ? "Rolled back" : "Revertido";
            o.sentence = en ? fmt::format("{} failed; {} restored and verified at {}.", what,
                                          previous, format_time(verify.last))
                            : fmt::format("{} falló; {} restaurada y verificada a las {}.", what,
                                          previous, format_time(verify.last));
        } else if (end.empty()) {
            o.kind = OutcomeKind::rollback_running;
            o.label = en ? "Rollback in progress" : "Rollback en curso";
            o.sentence =
                en ? fmt::format("{} failed; the rollback has not finished (see R1–R6).", what)
                   : fmt::format("{} falló; el rollback no ha terminado (ver R1–R6).", what);
        } else {
            o.kind = OutcomeKind::rollback_incomplete;
            o.label = en ? "Rollback incomplete" : "Rollback incompleto";
            o.sentence = en ? fmt::format("{} failed; {} is not restored and verified: maintenance "
                                          "stays on (see R2–R4).",
                                          what, previous)
                            : fmt::format("{} falló; {} no quedó restaurada y verificada: el "
                                          "mantenimiento sigue activo "
                                          "(ver R2–R4).",
                                          what, previous);
        }
        return o;
    }
    if (failed) {
        o.kind = OutcomeKind::failed;
        o.label = en ? "Failed" : "Fallido";
        o.sentence = en ? fmt::format("{} failed; no rollback is recorded.", what)
                        : fmt::format("{} falló; no hay rollback registrado.", what);
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
    std::string release = r.release.empty() ? (en ? "the release" : "la versión") : r.release;
    std::string env = r.environment.empty() ? "" : (en ? " to " : " en ") + r.environment;
    if (any_smoke && smoke_done) {
        o.kind = OutcomeKind::deployed;
        o.label = en ? "Deployed" : "Desplegado";
        o.sentence =
            en ? fmt::format("{}{}, verified at {}.", release, env, format_time(smoke.last))
               : fmt::format("{}{}, verificada a las {}.", release, env, format_time(smoke.last));
        return o;
    }
    o.kind = OutcomeKind::in_progress;
    o.label = en ? "In progress" : "En curso";
    o.sentence =
        en ? fmt::format("{}{}: the smoke tests (6) have not all passed yet.", release, env)
           : fmt::format("{}{}: las pruebas de humo (6) aún no han pasado todas.", release, env);
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
