#include "plugin/window/checklist.hpp"
#include "core/util/json.hpp"
#include "core/util/local_time.hpp"

#include "plugin/window/outcome.hpp"
#include "plugin/window/text.hpp"
#include "core/events.hpp"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>

namespace compuerta::plugin::window {

std::string format_time(core::WallTime t) {
    if (t == core::WallTime{}) return {};
    return core::util::local_time_text(t); // the configured timezone (core/util/local_time.hpp)
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

namespace {
// A path as a URL path: unreserved characters and / as they are, the rest %XX.
std::string url_path(const std::string& path) {
    std::string out;
    for (unsigned char c : path) {
        if (std::isalnum(c) || c == '/' || c == '-' || c == '.' || c == '_' || c == '~')
            out += static_cast<char>(c);
        else
            out += fmt::format("%{:02X}", c);
    }
    return out;
}
} // namespace

std::string link_target(const std::string& v, const Links& links) {
    if (v.rfind("http://", 0) == 0 || v.rfind("https://", 0) == 0) return v;
    std::filesystem::path p(v);
    std::error_code ec;
    auto cwd = std::filesystem::current_path(ec);
    if (ec)
        return p.is_relative() ? v : std::string();
    // The file relative to the working directory (the job's directory).
    std::filesystem::path rel =
        p.is_relative() ? p.lexically_normal() : p.lexically_normal().lexically_relative(cwd);
    bool outside = rel.empty() || *rel.begin() == "..";
    if (outside && !p.is_relative())
        return {};
    if (!links.base_url.empty()) {
        if (outside)
            return {}; // not among the job's files
        std::string base = links.base_url;
        while (!base.empty() && base.back() == '/')
            base.pop_back();
        return base + "/" + url_path(rel.generic_string());
    }
    if (links.report_dir.empty())
        return rel.generic_string();
    auto dir = std::filesystem::absolute(links.report_dir, ec).lexically_normal();
    if (ec)
        return rel.generic_string();
    auto from_report = (cwd / rel).lexically_normal().lexically_relative(dir);
    return from_report.empty() ? rel.generic_string() : from_report.generic_string();
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

namespace {

// A heading row's state from its sub-rows (6 from 6.1-6.4): failed or warned
// when one did; done when every one is done or skipped and one is done; in
// progress when some started; else open.
RowState from_children(const ChecklistInput& in, const std::string& id) {
    bool any = false, all_finished = true, any_done = false, any_started = false;
    RowState worst = RowState::open;
    for (const auto& row : in.rows) {
        if (row.id.size() <= id.size() + 1 || row.id.compare(0, id.size() + 1, id + ".") != 0) continue;
        any = true;
        auto it = in.record.rows.find(row.id);
        RowState s = it == in.record.rows.end() ? RowState::open : it->second.state;
        if (s == RowState::failed || s == RowState::warn) worst = std::max(worst, s);
        any_done = any_done || s == RowState::done || s == RowState::warn;
        any_started = any_started || s != RowState::open;
        all_finished = all_finished && (s == RowState::done || s == RowState::warn || s == RowState::skipped);
    }
    if (!any) return RowState::open;
    if (worst != RowState::open) return worst;
    if (all_finished && any_done) return RowState::done;
    return any_started ? RowState::running : RowState::open;
}

} // namespace

RowStatus row_status(const ChecklistInput& in, const std::string& id) {
    auto it = in.record.rows.find(id);
    RowStatus st = it == in.record.rows.end() ? RowStatus{} : it->second;
    if (st.headline_event >= 0 && static_cast<std::size_t>(st.headline_event) < in.record.events.size())
        st.headline = event_summary(in.record.events[static_cast<std::size_t>(st.headline_event)], in.lang, in.rows);
    if (id == "R6" && in.postmortem && st.state == RowState::open) {
        st.state = RowState::running;
        st.first = st.last = in.generated;
        st.summaries.push_back(Label{in.lang}("this_document"));
    }
    if (id.find('.') == std::string::npos) {
        RowState derived = from_children(in, id);
        if (st.state == RowState::open) st.state = derived;
        else if (derived == RowState::failed || derived == RowState::warn) st.state = std::max(st.state, derived);
    }
    // A rollback row of a deployment that needed no rollback is not pending;
    // nor is the success message (7.2) of a deployment that was rolled back.
    const PlanRow* row = find_row(in.rows, id);
    if (row && row->section == Section::rollback && st.state == RowState::open && !in.record.rolled_back &&
        outcome_of(in).kind == OutcomeKind::deployed)
        st.state = RowState::not_needed;
    if (id == "7.2" && st.state == RowState::open && in.record.rolled_back) st.state = RowState::not_needed;
    return st;
}

} // namespace compuerta::plugin::window
