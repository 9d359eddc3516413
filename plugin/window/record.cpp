#include "plugin/window/record.hpp"
#include "core/util/json.hpp"

#include "core/events.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <set>

namespace compuerta::plugin::window {

namespace ev = core::events;

namespace {


// Own fields worth showing as evidence (docs/journal-events.md).
const std::vector<const char*> k_evidence_fields = {"manifest", "release",  "previous_release", "channel", "backend",
                                                    "database", "tag",      "commit",           "applied", "check"};

// Where the row's latest facts come from: one event kind + check/channel.
std::string source_key(const nlohmann::json& ev) {
    return core::util::json_text(ev, "event") + "|" + core::util::json_text(ev, "check") + "|" + core::util::json_text(ev, "channel") + "|" + core::util::json_text(ev, "kind");
}

// What the deployment's own events say: its release, environment, window,
// and whether a rollback ran.
void note_release_facts(Record& rec, const nlohmann::json& ev, const std::string& event) {
    if (auto w = ev::as<ev::WindowOpen>(ev)) {
        rec.window_start = w->window.start;
        rec.window_end = w->window.end;
        if (rec.environment.empty()) rec.environment = w->window.environment;
        if (rec.release.empty()) rec.release = w->window.release;
    }
    if (auto d = ev::as<ev::DeployStart>(ev)) {
        if (!d->release.empty()) rec.release = d->release;
        if (!d->previous_release.empty()) rec.previous_release = d->previous_release;
        if (!d->environment.empty()) rec.environment = d->environment;
    } else if (auto dd = ev::as<ev::DeployDone>(ev)) {
        if (!dd->release.empty()) rec.release = dd->release;
        if (!dd->previous_release.empty()) rec.previous_release = dd->previous_release;
    }
    if (event.rfind(ev::RollbackStep::prefix, 0) == 0 && core::util::json_text(ev, "status") != "nothing") rec.rolled_back = true;
}

} // namespace

RowState state_of(const std::string& event, const std::string& status) {
    if (status == "pass" || status == "ok" || status == "rollback") return RowState::done;
    if (status == "warn") return RowState::warn;
    if (status == "fail" || status == "error") return RowState::failed;
    if (status == "skip" || status == "nothing") return RowState::skipped;
    if (status == "started" || status == "approval") return RowState::running;
    (void)event;
    return RowState::done;
}

std::vector<std::string> items_of(const nlohmann::json& ev) {
    std::string event = core::util::json_text(ev, "event");
    // The deployment lease's bookkeeping is no row's outcome (its refusal is:
    // the refused command's row, status error).
    if (event == ev::LeaseTake::name || event == ev::LeaseRelease::name || event == ev::LeaseTakeover::name)
        return {};
    std::string item = core::util::json_text(ev, "item");
    if (item.empty()) {
        if (auto n = ev::as<ev::Notify>(ev)) {
            item = n->kind == "window" ? "1.1" : n->kind == "success" ? "7.2" : n->kind == "rollback" ? "R5" : "";
        } else {
            item = ev::default_item(event);
        }
    }
    std::vector<std::string> items;
    if (!item.empty()) items.push_back(item);
    if (event == ev::DeployDone::name && item != ev::DeployStart::item) items.emplace_back(ev::DeployStart::item);
    return items;
}

Record build_record(const core::JournalRead& journal) {
    Record rec;
    rec.events = journal.events;
    rec.problems = journal.problems;
    // item -> source -> latest event
    std::map<std::string, std::map<std::string, const nlohmann::json*>> latest;
    std::map<std::string, std::pair<core::WallTime, core::WallTime>> spans;
    // The rollback step running now (started, not yet ok/fail) and its plan
    // item: what the commands it calls journal meanwhile (the verifying
    // smoke's 6.x checks, the redeploy's checks, maintenance on) belongs to
    // that step's row, never to the deployment's rows it would overwrite.
    std::string open_step, open_item;
    for (const auto& ev : rec.events) {
        std::string event = core::util::json_text(ev, "event");
        core::WallTime ts{};
        core::parse_rfc3339(core::util::json_text(ev, "ts"), ts);
        bool is_step = event.rfind(ev::RollbackStep::prefix, 0) == 0 && event != ev::RollbackDone::name &&
                       event != ev::RollbackDecision::name;
        if (is_step) {
            std::string status = core::util::json_text(ev, "status");
            if (status == "started") {
                open_step = event;
                open_item = core::util::json_text(ev, "item");
            } else if (event == open_step) {
                open_step.clear();
                open_item.clear();
            }
        }
        bool inside_step = !open_item.empty() && !is_step;
        if (!inside_step) note_release_facts(rec, ev, event);
        for (const auto& item : inside_step ? std::vector<std::string>{open_item} : items_of(ev)) {
            latest[item][source_key(ev)] = &ev;
            auto [it, fresh] = spans.try_emplace(item, ts, ts);
            if (!fresh) {
                it->second.first = std::min(it->second.first, ts);
                it->second.second = std::max(it->second.second, ts);
            }
        }
    }
    for (const auto& [item, sources] : latest) {
        RowStatus row;
        row.first = spans[item].first;
        row.last = spans[item].second;
        bool any_done = false, any_running = false, any_skipped = false;
        core::WallTime newest{};
        RowState headline_state = RowState::open;
        for (const auto& [key, evp] : sources) {
            const nlohmann::json& ev = *evp;
            RowState s = state_of(core::util::json_text(ev, "event"), core::util::json_text(ev, "status"));
            if (s == RowState::failed || s == RowState::warn) row.state = std::max(row.state, s);
            any_done = any_done || s == RowState::done;
            any_running = any_running || s == RowState::running;
            any_skipped = any_skipped || s == RowState::skipped;
            core::WallTime ts{};
            core::parse_rfc3339(core::util::json_text(ev, "ts"), ts);
            if (ts >= newest) {
                newest = ts;
                auto so = ev::as<ev::Signoff>(ev);
                row.actor = so && !so->by.empty() ? so->by : core::util::json_text(ev, "actor");
            }
            if (ev.contains("duration_ms") && ev["duration_ms"].is_number_integer())
                row.duration_ms = std::max(0LL, row.duration_ms) + ev["duration_ms"].get<long long>();
            std::string summary = core::util::json_text(ev, "summary");
            if (!summary.empty()) {
                row.summaries.push_back(summary);
                // The worst event speaks for the row; among equals, the first
                // source (checks run concurrently: "newest" would change from
                // run to run, the source order does not).
                if (row.headline.empty() || s > headline_state) {
                    row.headline = summary;
                    row.headline_event = evp - rec.events.data();
                    headline_state = s;
                }
            }
            if (!core::util::json_text(ev, "note").empty()) row.notes.push_back(core::util::json_text(ev, "note"));
            if (ev.contains("evidence") && ev["evidence"].is_object())
                for (auto it = ev["evidence"].begin(); it != ev["evidence"].end(); ++it)
                    row.evidence.emplace_back(it.key(), it->is_string() ? it->get<std::string>() : it->dump());
            for (const char* f : k_evidence_fields)
                if (!core::util::json_text(ev, f).empty()) row.evidence.emplace_back(f, core::util::json_text(ev, f));
        }
        // A started step that later finished is done; a step that only started is running.
        if (row.state != RowState::failed && row.state != RowState::warn)
            row.state = any_done ? RowState::done : any_running ? RowState::running
                                                  : any_skipped ? RowState::skipped : RowState::open;
        // Unique evidence, first occurrence kept.
        std::set<std::pair<std::string, std::string>> seen;
        std::vector<std::pair<std::string, std::string>> unique;
        for (auto& e : row.evidence)
            if (seen.insert(e).second) unique.push_back(e);
        row.evidence = std::move(unique);
        if (row.duration_ms < 0 && row.last > row.first)
            row.duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(row.last - row.first).count();
        rec.rows[item] = std::move(row);
    }
    for (const auto& [item, row] : rec.rows)
        if (row.state == RowState::failed && item != "R6") rec.deploy_failed = true;
    rec.deploy_failed = rec.deploy_failed || rec.rolled_back;
    return rec;
}

} // namespace compuerta::plugin::window
