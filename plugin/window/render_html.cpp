// The checklist as one self-contained HTML file: inline CSS and SVG, no
// external asset, readable on a phone (tables turn into cards when narrow),
// every status colour paired with its text label.
#include "plugin/window/checklist.hpp"
#include "plugin/window/outcome.hpp"
#include "core/util/json.hpp"
#include "plugin/window/text.hpp"
#include "plugin/window/timeline_svg.hpp"
#include "core/util/escape.hpp"
#include "core/util/local_time.hpp"

#include <fmt/format.h>

namespace compuerta::plugin::window {

namespace {

const char* k_css = R"(
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;padding:12px;color:#212121;background:#fafafa;line-height:1.4}
h1{font-size:1.4em;margin:.2em 0 .5em}h2{font-size:1.15em;margin:1.4em 0 .5em;border-bottom:2px solid #e0e0e0}
.facts{margin:0 0 1em;padding:0;list-style:none}.facts li{display:inline-block;margin:0 1em .3em 0}
.problems{border-left:4px solid #c62828;background:#ffebee;padding:.5em 1em;margin:1em 0}
.wrap{overflow-x:auto}table{border-collapse:collapse;width:100%;background:#fff}
th,td{border:1px solid #e0e0e0;padding:6px 8px;text-align:left;vertical-align:top;font-size:.92em}
th{background:#eeeeee}tr.group td{background:#f5f5f5;font-weight:bold}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;color:#fff;font-weight:bold;white-space:nowrap}
.s-open{background:#bdbdbd;color:#212121}.s-done{background:#2e7d32}.s-warn{background:#b26a00}
.s-failed{background:#c62828}.s-skipped{background:#757575}.s-running{background:#1565c0}
pre{background:#263238;color:#eceff1;padding:8px;overflow-x:auto;white-space:pre-wrap;word-break:break-word}
.timeline{background:#fff;border:1px solid #e0e0e0;padding:8px}
details summary{cursor:pointer;color:#555}details ul{margin:.2em 0;padding-left:1.2em}
.outcome{padding:.7em 1em;margin:0 0 1em;border-radius:4px;color:#fff;font-size:1.05em}
.outcome-ok{background:#2e7d32}.outcome-rolled-back{background:#b26a00}.outcome-failed{background:#c62828}
.outcome-running{background:#1565c0}
@media (max-width:640px){
 table.rows,table.rows tbody,table.rows tr,table.rows td{display:block;width:auto}
 table.rows thead{display:none}table.rows tr{margin:0 0 10px;border:1px solid #e0e0e0;background:#fff}
 table.rows td{border:none;border-bottom:1px solid #f0f0f0}
 table.rows td[data-label]:before{content:attr(data-label) ": ";font-weight:bold}
}
)";

const char* state_class(RowState s) {
    switch (s) {
    case RowState::done: return "s-done";
    case RowState::warn: return "s-warn";
    case RowState::failed: return "s-failed";
    case RowState::skipped: return "s-skipped";
    case RowState::running: return "s-running";
    case RowState::not_needed: return "s-skipped";
    case RowState::open: break;
    }
    return "s-open";
}

std::string h(const std::string& s) { return core::util::xml_escape(s); }

std::string badge(RowState s, Lang lang) {
    return fmt::format("<span class=\"badge {}\">{} {}</span>", state_class(s), h(state_mark(s)), h(state_label(s, lang)));
}

// The row's sentence, its links, sign-off notes, and the raw facts folded away.
std::string evidence_html(const RowStatus& st, const Label& L, const Links& links) {
    std::vector<std::string> lines;
    if (!st.headline.empty()) lines.push_back(h(st.headline));
    std::string facts;
    for (const auto& [k, v] : st.evidence) {
        std::string target = looks_like_link(v) ? link_target(v, links) : std::string();
        if (!target.empty()) lines.push_back(fmt::format("<a href=\"{}\">{}</a>", h(target), h(k)));
        else facts += fmt::format("<li>{}: {}</li>", h(k), h(v));
    }
    for (const auto& n : st.notes) lines.push_back(h("“" + n + "”"));
    std::string out;
    for (const auto& l : lines) out += (out.empty() ? "" : "<br>") + l;
    if (!facts.empty()) out += fmt::format("<details><summary>{}</summary><ul>{}</ul></details>", h(L("raw_facts")), facts);
    return out;
}

std::string status_tds(const RowStatus& st, const Label& L, Lang lang, const Links& links) {
    return fmt::format(
        "<td data-label=\"{}\">{}</td><td data-label=\"{}\">{}</td><td data-label=\"{}\">{}</td>"
        "<td data-label=\"{}\">{}</td><td data-label=\"{}\">{}</td>",
        h(L("state")), badge(st.state, lang), h(L("when")), h(format_time(st.last)), h(L("actor")),
        h(st.actor), h(L("duration")), h(format_duration(st.duration_ms)), h(L("evidence")),
        evidence_html(st, L, links));
}

std::string status_ths(const Label& L) {
    return fmt::format("<th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th>", h(L("state")), h(L("when")), h(L("actor")),
                       h(L("duration")), h(L("evidence")));
}

void rows_table(std::string& out, const ChecklistInput& in, Section section) {
    const Label L{in.lang};
    bool pre = section == Section::pre;
    out += "<div class=\"wrap\"><table class=\"rows\"><thead><tr>";
    if (!pre) out += fmt::format("<th>{}</th>", h(L("step")));
    out += fmt::format("<th>{}</th><th>{}</th>{}</tr></thead><tbody>\n", h(L("task")), h(L("responsible")), status_ths(L));
    std::string group;
    for (const auto& row : in.rows) {
        if (row.section != section) continue;
        if (pre && row.group(in.lang) != group) {
            group = row.group(in.lang);
            out += fmt::format("<tr class=\"group\"><td colspan=\"7\">{}</td></tr>\n", h(group));
        }
        bool sub = row.id.find('.') != std::string::npos;
        std::string task = pre || sub ? row.id + ". " + row.task(in.lang) : row.task(in.lang);
        if (row.heading) task = "<strong>" + h(task) + "</strong>";
        else task = h(task);
        out += "<tr>";
        if (!pre) {
            std::string step = sub ? "" : (row.id[0] == 'R' ? row.id.substr(1) : row.id);
            out += fmt::format("<td data-label=\"{}\">{}</td>", h(L("step")), h(step));
        }
        out += fmt::format("<td data-label=\"{}\">{}</td><td data-label=\"{}\">{}</td>{}</tr>\n",
                           h(L("task")), task, h(L("responsible")), h(role_name(row.role, in.lang)),
                           status_tds(row_status(in, row.id), L, in.lang, in.links));
    }
    out += "</tbody></table></div>\n";
}

void html_postmortem(std::string& out, const ChecklistInput& in) {
    const Label L{in.lang};
    const Record& r = in.record;
    out += fmt::format("<h2>{}</h2><div class=\"wrap\"><table><thead><tr><th>{}</th><th>{}</th><th>#</th><th>{}</th>"
                       "<th>{}</th><th>{}</th></tr></thead><tbody>\n",
                       h(L("timeline")), h(L("when")), h(L("event")), h(L("state")), h(L("actor")), h(L("summary")));
    for (const auto& ev : r.events) {
        core::WallTime ts{};
        core::parse_rfc3339(core::util::json_text(ev, "ts"), ts);
        out += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                           h(format_time(ts)), h(core::util::json_text(ev, "event")), h(core::util::json_text(ev, "item")),
                           h(status_label(core::util::json_text(ev, "status"), in.lang)), h(core::util::json_text(ev, "actor")),
                           h(event_summary(ev, in.lang, in.rows)));
    }
    out += fmt::format("</tbody></table></div>\n<h2>{}</h2>\n", h(L("failed_checks")));
    auto failed = failed_events(r);
    if (failed.empty()) out += fmt::format("<p>{}</p>\n", h(L("no_failed_checks")));
    for (const auto* ev : failed) {
        std::string body = event_summary(*ev, in.lang, in.rows) + "\n";
        if (ev->contains("evidence") && (*ev)["evidence"].is_object())
            for (auto it = (*ev)["evidence"].begin(); it != (*ev)["evidence"].end(); ++it)
                body += it.key() + ": " + (it->is_string() ? it->get<std::string>() : it->dump()) + "\n";
        out += fmt::format("<h3>{} {} <span class=\"badge s-failed\">{}</span></h3><pre>{}</pre><p><small>{}:{}</small></p>\n",
                           h(core::util::json_text(*ev, "item")), h(core::util::json_text(*ev, "command")),
                           h(status_label(core::util::json_text(*ev, "status"), in.lang)), h(body),
                           h(core::util::json_text(*ev, "_file")), h(core::util::json_text(*ev, "_line")));
    }
    out += fmt::format("<h2>{}", h(L("commits")));
    if (!r.previous_release.empty() && !r.release.empty())
        out += fmt::format(" (<code>{}..{}</code>)", h(r.previous_release), h(r.release));
    out += "</h2>\n";
    if (in.commits.empty()) out += fmt::format("<p>{}</p>\n", h(in.commits_note.empty() ? std::string("—") : in.commits_note));
    else {
        out += "<ul>\n";
        for (const auto& c : in.commits) out += fmt::format("<li><code>{}</code></li>\n", h(c));
        out += "</ul>\n";
    }
    out += fmt::format("<h2>{}</h2>\n", h(L("rollback_did")));
    auto rb = rollback_events(r);
    if (rb.empty()) out += fmt::format("<p>{}</p>\n", h(L("no_rollback")));
    else {
        out += "<ul>\n";
        for (const auto* ev : rb) {
            core::WallTime ts{};
            core::parse_rfc3339(core::util::json_text(*ev, "ts"), ts);
            out += fmt::format("<li>{} <strong>{}</strong> {} <code>{}</code> — {}</li>\n", h(format_time(ts)),
                               h(core::util::json_text(*ev, "item")), h(core::util::json_text(*ev, "event")),
                               h(status_label(core::util::json_text(*ev, "status"), in.lang)),
                               h(event_summary(*ev, in.lang, in.rows)));
        }
        out += "</ul>\n";
    }
    out += fmt::format("<h2>{}</h2><p>{}</p><h2>{}</h2><ul><li>{}</li></ul><h2>{}</h2><p>{}</p>\n", h(L("root_cause")),
                       h(L("to_fill")), h(L("actions")), h(L("to_fill")), h(L("lessons")), h(L("to_fill")));
}

} // namespace

std::string render_html(const ChecklistInput& in) {
    const Label L{in.lang};
    const Record& r = in.record;
    std::string title = in.postmortem ? L("postmortem_title") : L("title");
    std::string out = fmt::format("<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\">"
                                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                                  "<title>{}</title><style>{}</style></head><body>\n<h1>{}</h1>\n",
                                  core::msg::code(in.lang), h(title), k_css, h(title));
    DeployOutcome outcome = outcome_of(in);
    if (outcome.kind != OutcomeKind::none)
        out += fmt::format("<div class=\"outcome {}\" role=\"status\"><strong>{}:</strong> {}</div>\n",
                           outcome_class(outcome.kind), h(outcome.label), h(outcome.sentence));
    out += "<ul class=\"facts\">";
    auto fact = [&](const std::string& k, const std::string& v) {
        if (!v.empty()) out += fmt::format("<li><strong>{}:</strong> {}</li>", h(k), h(v));
    };
    fact(L("release"), r.release);
    fact(L("previous_release"), r.previous_release);
    fact(L("environment"), r.environment);
    if (!r.window_start.empty() || !r.window_end.empty())
        fact(L("window"),
             core::util::local_minute_text(r.window_start) + " – " + core::util::local_minute_text(r.window_end));
    fact(L("generated"), format_time(in.generated));
    out += "</ul>\n";
    if (!r.problems.empty() || r.events.empty()) {
        out += fmt::format("<div class=\"problems\" role=\"alert\"><strong>{}</strong><ul>", h(L("problems")));
        if (r.events.empty()) out += fmt::format("<li>{}</li>", h(L("empty_journal")));
        for (const auto& p : r.problems) out += fmt::format("<li><code>{}</code></li>", h(p));
        out += "</ul></div>\n";
    }
    std::string svg = render_timeline_svg(in);
    if (!svg.empty()) out += fmt::format("<h2>{}</h2><div class=\"timeline\">{}</div>\n", h(L("timeline")), svg);
    out += fmt::format("<h2>2. {}</h2><div class=\"wrap\"><table><thead><tr><th>{}</th><th>{}</th></tr></thead><tbody>",
                       h(L("team")), h(L("role")), h(L("names")));
    for (const char* role : {"lider", "infra", "dev", "qa", "dba"}) {
        std::string names;
        if (auto it = in.people.find(role); it != in.people.end())
            for (const auto& n : it->second) names += (names.empty() ? "" : ", ") + n;
        out += fmt::format("<tr><td><strong>{}</strong></td><td>{}</td></tr>", h(role_name(role, in.lang)),
                           h(names.empty() ? "—" : names));
    }
    out += "</tbody></table></div>\n";
    out += fmt::format("<h2>3. {}</h2>\n", h(L("pre")));
    rows_table(out, in, Section::pre);
    out += fmt::format("<h2>4. {}</h2>\n", h(L("exec")));
    rows_table(out, in, Section::exec);
    out += fmt::format("<h2>5. {}</h2>\n", h(L("rollback")));
    rows_table(out, in, Section::rollback);
    if (in.postmortem) html_postmortem(out, in);
    out += "</body></html>\n";
    return out;
}

} // namespace compuerta::plugin::window
