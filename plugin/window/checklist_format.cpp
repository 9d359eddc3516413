#include "plugin/window/checklist.hpp"
#include "core/util/json.hpp"

#include "plugin/window/text.hpp"
#include "core/events.hpp"

#include <fmt/format.h>

namespace compuerta::plugin::window {

std::string format_time(core::WallTime t) {
    if (t == core::WallTime{}) return {};
    std::string s = core::format_utc_zoneless(t);
    if (s.size() > 10 && s[10] == 'T') s[10] = ' ';
    return s + " UTC";
}

std::string format_duration(long long ms) {
    if (ms < 0) return {};
    if (ms < 1000) return fmt::format("{} ms", ms);
    long long s = ms / 1000;
    if (s < 60) return fmt::format("{} s", s);
    if (s < 3600) return fmt::format("{} min {} s", s / 60, s % 60);
    return fmt::format("{} h {} min", s / 3600, (s % 3600) / 60);
}

bool looks_like_link(const std::string& v) {
    if (v.rfind("http://", 0) == 0 || v.rfind("https://", 0) == 0) return true;
    if (v.find(' ') != std::string::npos || v.find('/') == std::string::npos) return false;
    for (const char* ext : {".xml", ".log", ".json", ".jsonl", ".html", ".txt", ".md"}) {
        std::string e(ext);
        if (v.size() > e.size() && v.compare(v.size() - e.size(), e.size(), e) == 0) return true;
    }
    return false;
}


std::vector<const nlohmann::json*> failed_events(const Record& rec) {
    std::vector<const nlohmann::json*> out;
    for (const auto& ev : rec.events) {
        std::string st = core::util::json_text(ev, "status");
        if (st == "fail" || st == "error") out.push_back(&ev);
    }
    return out;
}

std::vector<const nlohmann::json*> rollback_events(const Record& rec) {
    std::vector<const nlohmann::json*> out;
    for (const auto& ev : rec.events) {
        auto n = core::events::as<core::events::Notify>(ev);
        if (core::util::json_text(ev, "event").rfind(core::events::RollbackStep::prefix, 0) == 0 || (n && n->kind == "rollback"))
            out.push_back(&ev);
    }
    return out;
}

RowStatus row_status(const ChecklistInput& in, const std::string& id) {
    auto it = in.record.rows.find(id);
    RowStatus st = it == in.record.rows.end() ? RowStatus{} : it->second;
    if (id == "R6" && in.postmortem && st.state == RowState::open) {
        st.state = RowState::running;
        st.first = st.last = in.generated;
        st.summaries.push_back(labels(in.lang).this_document);
    }
    return st;
}

} // namespace compuerta::plugin::window
