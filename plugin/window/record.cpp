#include "plugin/window/record.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <set>

namespace compuerta::plugin::window {

namespace {

std::string str(const nlohmann::json& ev, const char* key) {
    auto it = ev.find(key);
    if (it == ev.end() || it->is_null()) return {};
    if (it->is_string()) return it->get<std::string>();
    return it->dump();
}

// Own fields worth showing as evidence (docs/journal-events.md).
const std::vector<const char*> k_evidence_fields = {"manifest", "release",  "previous_release", "channel", "backend",
                                                    "database", "tag",      "commit",           "applied", "check"};

// Where the row's latest facts come from: one event kind + check/channel.
std::string source_key(const nlohmann::json& ev) {
    return str(ev, "event") + "|" + str(ev, "check") + "|" + str(ev, "channel") + "|" + str(ev, "kind");
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
    static const std::map<std::string, std::string> by_event = {
        {"window.open", "1"},       {"window.close", "7"},        {"maintenance.on", "2"},
        {"maintenance.off", "7.1"}, {"backup.done", "2.2"},       {"migrate.done", "3"},
        {"deploy.start", "4"},      {"deploy.done", "5"},         {"release.tag", "3.4"},
        {"rollback.decision", "R1"}, {"rollback.restore", "R2"},  {"rollback.redeploy", "R3"},
        {"rollback.verify", "R4"},  {"rollback.done", "R1"},
    };
    std::string event = str(ev, "event");
    std::string item = str(ev, "item");
    if (item.empty()) {
        if (event == "notify") {
            std::string kind = str(ev, "kind");
            item = kind == "window" ? "1.1" : kind == "success" ? "7.2" : kind == "rollback" ? "R5" : "";
        } else if (auto it = by_event.find(event); it != by_event.end()) {
            item = it->second;
        }
    }
    std::vector<std::string> items;
    if (!item.empty()) items.push_back(item);
    if (event == "deploy.done" && item != "4") items.emplace_back("4");
    return items;
}

Record build_record(const core::JournalRead& journal) {
    Record rec;
    rec.events = journal.events;
    rec.problems = journal.problems;
    // item -> source -> latest event
    std::map<std::string, std::map<std::string, const nlohmann::json*>> latest;
    std::map<std::string, std::pair<core::WallTime, core::WallTime>> spans;
    for (const auto& ev : rec.events) {
        std::string event = str(ev, "event");
        core::WallTime ts{};
        core::parse_rfc3339(str(ev, "ts"), ts);
        if (event == "window.open" && ev.contains("window") && ev["window"].is_object()) {
            const auto& w = ev["window"];
            rec.window_start = str(w, "start");
            rec.window_end = str(w, "end");
            if (rec.environment.empty()) rec.environment = str(w, "environment");
            if (rec.release.empty()) rec.release = str(w, "release");
        }
        if (event == "deploy.start" || event == "deploy.done") {
            if (!str(ev, "release").empty()) rec.release = str(ev, "release");
            if (!str(ev, "previous_release").empty()) rec.previous_release = str(ev, "previous_release");
            if (!str(ev, "environment").empty()) rec.environment = str(ev, "environment");
        }
        if (event.rfind("rollback.", 0) == 0 && str(ev, "status") != "nothing") rec.rolled_back = true;
        for (const auto& item : items_of(ev)) {
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
        for (const auto& [key, evp] : sources) {
            const nlohmann::json& ev = *evp;
            RowState s = state_of(str(ev, "event"), str(ev, "status"));
            if (s == RowState::failed || s == RowState::warn) row.state = std::max(row.state, s);
            any_done = any_done || s == RowState::done;
            any_running = any_running || s == RowState::running;
            any_skipped = any_skipped || s == RowState::skipped;
            core::WallTime ts{};
            core::parse_rfc3339(str(ev, "ts"), ts);
            if (ts >= newest) {
                newest = ts;
                row.actor = str(ev, "event") == "signoff" && !str(ev, "by").empty() ? str(ev, "by") : str(ev, "actor");
            }
            if (ev.contains("duration_ms") && ev["duration_ms"].is_number_integer())
                row.duration_ms = std::max(0LL, row.duration_ms) + ev["duration_ms"].get<long long>();
            if (!str(ev, "summary").empty()) row.summaries.push_back(str(ev, "summary"));
            if (!str(ev, "note").empty()) row.notes.push_back(str(ev, "note"));
            if (ev.contains("evidence") && ev["evidence"].is_object())
                for (auto it = ev["evidence"].begin(); it != ev["evidence"].end(); ++it)
                    row.evidence.emplace_back(it.key(), it->is_string() ? it->get<std::string>() : it->dump());
            for (const char* f : k_evidence_fields)
                if (!str(ev, f).empty()) row.evidence.emplace_back(f, str(ev, f));
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
