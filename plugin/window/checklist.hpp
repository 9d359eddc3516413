#pragma once
// The checklist: the plan's tables (sections 3, 4, 5 with roles) rendered
// back from the journal, and for a failed deploy the post-mortem skeleton.
#include "plugin/window/plan.hpp"
#include "plugin/window/record.hpp"

#include <map>
#include <string>
#include <vector>

namespace compuerta::plugin::window {

// Where evidence links point (2 of issue 13): a file's path relative to the
// working directory (the job's directory, its artifacts' root) is appended to
// `base_url` when set (checklist.links_base_url, --link-base), else made
// relative to `report_dir`, the directory of the written report ("" for the
// working directory: standard output).
struct Links {
    std::string base_url;
    std::string report_dir;
};

struct ChecklistInput {
    std::vector<PlanRow> rows;
    Record record;
    std::map<std::string, std::vector<std::string>> people; // role -> names
    Lang lang = Lang::en;
    bool postmortem = false;
    core::WallTime generated{};
    std::vector<std::string> commits; // "abc1234 subject", between previous_release and release
    std::string commits_note;         // why commits are missing, when they are
    Links links;
};

std::string render_markdown(const ChecklistInput& in);
// One self-contained HTML file: inline CSS and SVG, no external asset.
std::string render_html(const ChecklistInput& in);

// Helpers shared by the renderers (checklist_format.cpp).
std::string format_time(core::WallTime t);       // "2026-11-28 11:05:24 CST" (display zone); "" for the epoch
std::string format_duration(long long ms);       // "850 ms", "12 s", "3 min 5 s", "" when < 0
bool looks_like_link(const std::string& value);  // URL or report/log path
// Where a link-like value may point from a report: a URL as it is; a path
// (relative to the working directory, or absolute under it) under
// `links.base_url`, else relative to `links.report_dir`; "" for an absolute
// path elsewhere (a runner's temp directory is no link a reader can follow).
std::string link_target(const std::string& value, const Links& links = {});
// Check/step events that failed or errored, in time order.
std::vector<const nlohmann::json*> failed_events(const Record& rec);
// rollback.* and notify(rollback) events, in time order.
std::vector<const nlohmann::json*> rollback_events(const Record& rec);
// The row's status, with R6 "in progress" while the post-mortem is written.
RowStatus row_status(const ChecklistInput& in, const std::string& id);

} // namespace compuerta::plugin::window
