// The checklist as Markdown (GitLab/Jenkins render it; also readable raw).
#include "plugin/window/checklist.hpp"
#include "plugin/window/outcome.hpp"
#include "core/util/json.hpp"
#include "core/util/local_time.hpp"
#include "plugin/window/text.hpp"

#include <fmt/format.h>

namespace compuerta::plugin::window {

namespace {

std::string cell(std::string s) {
    std::string out;
    for (char c : s) {
        if (c == '|') out += "\\|";
        else if (c == '\n') out += ' ';
        else out += c;
    }
    return out;
}

// The row's sentence, its links and sign-off notes; the raw facts are in the
// HTML page (folded) and in --json.
std::string evidence_cell(const RowStatus& st, const Links& links) {
    std::string out;
    if (!st.headline.empty()) out = cell(st.headline);
    for (const auto& [k, v] : st.evidence) {
        std::string target = looks_like_link(v) ? link_target(v, links) : std::string();
        if (target.empty()) continue;
        out += (out.empty() ? "" : "<br>") + fmt::format("[{}]({})", cell(k), cell(target));
    }
    for (const auto& n : st.notes) out += (out.empty() ? "" : "<br>") + cell("“" + n + "”");
    return out;
}

std::string status_cells(const RowStatus& st, Lang lang, const Links& links) {
    return fmt::format("{} {} | {} | {} | {} | {}", state_mark(st.state),
                       state_label(st.state, lang), format_time(st.last), cell(st.actor),
                       format_duration(st.duration_ms), evidence_cell(st, links));
}

void header(std::string& out, const ChecklistInput& in) {
    const Label L{in.lang};
    const Record& r = in.record;
    out += fmt::format("# {}\n\n", in.postmortem ? L("postmortem_title") : L("title"));
    DeployOutcome outcome = outcome_of(in);
    if (outcome.kind != OutcomeKind::none) out += fmt::format("> **{}:** {}\n\n", outcome.label, cell(outcome.sentence));
    std::vector<std::string> facts;
    if (!r.release.empty()) facts.push_back(fmt::format("**{}:** {}", L("release"), r.release));
    if (!r.previous_release.empty()) facts.push_back(fmt::format("**{}:** {}", L("previous_release"), r.previous_release));
    if (!r.environment.empty()) facts.push_back(fmt::format("**{}:** {}", L("environment"), r.environment));
    if (!r.window_start.empty() || !r.window_end.empty())
        facts.push_back(fmt::format("**{}:** {} – {}", L("window"), core::util::local_minute_text(r.window_start),
                                    core::util::local_minute_text(r.window_end)));
    facts.push_back(fmt::format("**{}:** {}", L("generated"), format_time(in.generated)));
    for (std::size_t i = 0; i < facts.size(); ++i) out += facts[i] + (i + 1 < facts.size() ? "  \n" : "\n\n");
    if (!r.problems.empty() || r.events.empty()) {
        out += fmt::format("> **{}**\n>\n", L("problems"));
        if (r.events.empty()) out += fmt::format("> - {}\n", L("empty_journal"));
        for (const auto& p : r.problems) out += fmt::format("> - `{}`\n", p);
        out += "\n";
    }
}

void team(std::string& out, const ChecklistInput& in) {
    const Label L{in.lang};
    out += fmt::format("## 2. {}\n\n| {} | {} |\n| :--- | :--- |\n", L("team"), L("role"), L("names"));
    for (const char* role : {"lider", "infra", "dev", "qa", "dba"}) {
        std::string names;
        if (auto it = in.people.find(role); it != in.people.end())
            for (const auto& n : it->second) names += (names.empty() ? "" : ", ") + n;
        out += fmt::format("| **{}** | {} |\n", role_name(role, in.lang), cell(names.empty() ? "—" : names));
    }
    out += "\n";
}

void pre_table(std::string& out, const ChecklistInput& in) {
    const Label L{in.lang};
    out += fmt::format("## 3. {}\n\n| {} | {} | {} | {} | {} | {} | {} |\n"
                       "| :--- | :--- | :--- | :--- | :--- | :--- | :--- |\n",
                       L("pre"), L("task"), L("responsible"), L("state"), L("when"), L("actor"), L("duration"), L("evidence"));
    std::string group;
    for (const auto& row : in.rows) {
        if (row.section != Section::pre) continue;
        if (row.group(in.lang) != group) {
            group = row.group(in.lang);
            out += fmt::format("| **{}** | | | | | | |\n", cell(group));
        }
        out += fmt::format("| {}. {} | {} | {} |\n", row.id, cell(row.task(in.lang)),
                           role_name(row.role, in.lang),
                           status_cells(row_status(in, row.id), in.lang, in.links));
    }
    out += "\n";
}

void step_table(std::string& out, const ChecklistInput& in, Section section, const std::string& title, int number) {
    const Label L{in.lang};
    out += fmt::format("## {}. {}\n\n| {} | {} | {} | {} | {} | {} | {} | {} |\n"
                       "| :--- | :--- | :--- | :--- | :--- | :--- | :--- | :--- |\n",
                       number, title, L("step"), L("task"), L("responsible"), L("state"), L("when"), L("actor"), L("duration"), L("evidence"));
    for (const auto& row : in.rows) {
        if (row.section != section) continue;
        bool sub = row.id.find('.') != std::string::npos;
        std::string step = sub ? "" : (row.id[0] == 'R' ? row.id.substr(1) : row.id);
        std::string task = sub ? row.id + ". " + row.task(in.lang) : row.task(in.lang);
        if (row.heading) task = "**" + task + "**";
        out +=
            fmt::format("| {} | {} | {} | {} |\n", step, cell(task), role_name(row.role, in.lang),
                        status_cells(row_status(in, row.id), in.lang, in.links));
    }
    out += "\n";
}

void markdown_postmortem(std::string& out, const ChecklistInput& in) {
    const Label L{in.lang};
    const Record& r = in.record;
    out += fmt::format("## {}\n\n| {} | {} | # | {} | {} | {} |\n| :--- | :--- | :--- | :--- | :--- | :--- |\n",
                       L("timeline"), L("when"), L("event"), L("state"), L("actor"), L("summary"));
    for (const auto& ev : r.events) {
        core::WallTime ts{};
        core::parse_rfc3339(core::util::json_text(ev, "ts"), ts);
        out += fmt::format("| {} | {} | {} | {} | {} | {} |\n", format_time(ts), cell(core::util::json_text(ev, "event")),
                           cell(core::util::json_text(ev, "item")),
                           cell(status_label(core::util::json_text(ev, "status"), in.lang)),
                           cell(core::util::json_text(ev, "actor")), cell(event_summary(ev, in.lang, in.rows)));
    }
    out += fmt::format("\n## {}\n\n", L("failed_checks"));
    auto failed = failed_events(r);
    if (failed.empty()) out += std::string(L("no_failed_checks")) + "\n";
    for (const auto* ev : failed) {
        out += fmt::format("### {} {} ({}, {})\n\n", core::util::json_text(*ev, "item"), event_summary(*ev, in.lang, in.rows),
                           core::util::json_text(*ev, "command"), status_label(core::util::json_text(*ev, "status"), in.lang));
        out += fmt::format("```\n{}\n", event_summary(*ev, in.lang, in.rows));
        if (ev->contains("evidence") && (*ev)["evidence"].is_object())
            for (auto it = (*ev)["evidence"].begin(); it != (*ev)["evidence"].end(); ++it)
                out += fmt::format("{}: {}\n", it.key(), it->is_string() ? it->get<std::string>() : it->dump());
        out += fmt::format("```\n_{}:{}_\n\n", core::util::json_text(*ev, "_file"), core::util::json_text(*ev, "_line"));
    }
    out += fmt::format("\n## {}", L("commits"));
    if (!r.previous_release.empty() && !r.release.empty())
        out += fmt::format(" (`{}..{}`)", r.previous_release, r.release);
    out += "\n\n";
    if (in.commits.empty()) out += (in.commits_note.empty() ? std::string("—") : in.commits_note) + "\n";
    for (const auto& c : in.commits) out += "- " + c + "\n";
    out += fmt::format("\n## {}\n\n", L("rollback_did"));
    auto rb = rollback_events(r);
    if (rb.empty()) out += std::string(L("no_rollback")) + "\n";
    for (const auto* ev : rb) {
        core::WallTime ts{};
        core::parse_rfc3339(core::util::json_text(*ev, "ts"), ts);
        out += fmt::format("- {} **{}** {} `{}` — {}\n", format_time(ts), core::util::json_text(*ev, "item"),
                           core::util::json_text(*ev, "event"), status_label(core::util::json_text(*ev, "status"), in.lang),
                           event_summary(*ev, in.lang, in.rows));
    }
    out += fmt::format("\n## {}\n\n{}\n\n## {}\n\n- [ ] {}\n\n## {}\n\n{}\n", L("root_cause"), L("to_fill"), L("actions"),
                       L("to_fill"), L("lessons"), L("to_fill"));
}

} // namespace

std::string render_markdown(const ChecklistInput& in) {
    const Label L{in.lang};
    std::string out;
    header(out, in);
    team(out, in);
    pre_table(out, in);
    step_table(out, in, Section::exec, L("exec"), 4);
    step_table(out, in, Section::rollback, L("rollback"), 5);
    if (in.postmortem) markdown_postmortem(out, in);
    return out;
}

} // namespace compuerta::plugin::window
