// compuerta checklist [--format md|html] [--lang es|en] [--postmortem] [-o FILE]
#include "plugin/window/commands.hpp"

#include "core/config/rules.hpp"
#include "core/config/sections/checklist.hpp"
#include "core/errors.hpp"
#include "core/fs.hpp"
#include "core/config/sections/release.hpp"
#include "core/ports/process.hpp"
#include "core/secrets.hpp"
#include "plugin/window/checklist.hpp"
#include "plugin/window/common.hpp"
#include "plugin/window/text.hpp"

#include <filesystem>
#include <fmt/format.h>
#include <sstream>

namespace compuerta::plugin::window {

namespace po = boost::program_options;

namespace {

void checklist_options(po::options_description& d) {
    namespace msg = core::msg;
    d.add_options()
        ("format", po::value<std::string>()->default_value("md"), msg::tr("window.checklist.opt.format").c_str())
        ("postmortem", po::bool_switch(), msg::tr("window.checklist.opt.postmortem").c_str())
        ("output,o", po::value<std::string>(), msg::tr("window.checklist.opt.output").c_str())
        ("repo", po::value<std::string>(), msg::tr("window.checklist.opt.repo").c_str())
        ("link-base", po::value<std::string>()->value_name("URL"), msg::tr("window.checklist.opt.link_base").c_str());
}

void add_commits(ChecklistInput& in, const std::optional<std::string>& repo, core::Process& process) {
    const Record& r = in.record;
    if (r.previous_release.empty() || r.release.empty()) {
        in.commits_note = tx(in.lang, "window.commits.no_releases");
        return;
    }
    core::ProcessSpec spec;
    spec.argv = {"git", "log", "--oneline", "--no-decorate", "--max-count=200",
                 r.previous_release + ".." + r.release};
    spec.cwd = repo.value_or("");
    spec.merge_stderr = false;
    auto res = process.run(spec, core::Deadline::after(core::Millis(15'000)));
    if (!res || !res->ok()) {
        std::string why = !res ? res.error().message : res->error_output;
        while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
        in.commits_note = tx(in.lang, "window.commits.unavailable",
                             {{"range", r.previous_release + ".." + r.release},
                              {"error", why.empty() ? tx(in.lang, "window.commits.git_failed") : why}});
        return;
    }
    std::istringstream lines(res->output);
    for (std::string line; std::getline(lines, line);)
        if (!line.empty()) in.commits.push_back(line);
    if (in.commits.empty()) in.commits_note = tx(in.lang, "window.commits.none");
}

// Evidence links (2 of issue 13): --link-base, else checklist.links_base_url,
// else relative to the directory of -o FILE.
Links links_for(core::cli::Invocation& inv, const std::optional<std::string>& output) {
    Links links;
    auto base = inv.arg<std::string>("link-base");
    if (base) {
        if (auto why = core::config::url_problem(*base, {"http", "https"}))
            throw core::UsageError(core::msg::tr("window.checklist.error.link_base", {{"problem", *why}}));
        links.base_url = *base;
    } else {
        // A ${VAR} value is checked here, by the rule the file's values pass at load.
        const core::config::ChecklistSection section =
            core::config::checklist_decl().read(inv.config());
        const core::config::Deferred& v = section.links_base_url;
        std::string url = v.str_or("");
        if (!url.empty()) {
            if (auto why = core::config::url_problem(url, {"http", "https"}))
                throw core::ConfigError(fmt::format("{}: {}: {}", v.where(), v.path(), *why));
            links.base_url = url;
        }
    }
    if (output && *output != "-") links.report_dir = std::filesystem::path(*output).parent_path().string();
    return links;
}

// --json/--junit: one check per plan row, with what the record says of it
// (open rows are skipped checks; the exit code stays 0: a record, not a gate).
core::report::Suite rows_suite(core::cli::Invocation& inv, const ChecklistInput& in) {
    core::report::Suite suite = inv.make_suite("compuerta.checklist");
    for (const auto& row : in.rows) {
        core::CheckResult r;
        r.id = "row-" + row.id;
        r.item = row.id;
        r.name = row.task(in.lang);
        r.classname = "checklist";
        // What the checklist shows: headings from their sub-rows, "not needed" rollback rows.
        RowStatus st = row_status(in, row.id);
        switch (st.state) {
        case RowState::done:
            r.status = core::Status::pass;
            break;
        case RowState::warn:
            r.status = core::Status::warn;
            break;
        case RowState::failed:
            r.status = core::Status::fail;
            break;
        case RowState::open:
        case RowState::not_needed:
        case RowState::skipped:
        case RowState::running:
            r.status = core::Status::skip;
            break;
        }
        static const char* const k_state[] = {"open", "not_needed", "skipped", "running",
                                              "done", "warn",       "failed"};
        r.evidence.emplace_back("state", k_state[static_cast<int>(st.state)]);
        if (st.state != RowState::open) {
            r.started = st.first;
            if (!st.actor.empty())
                r.evidence.emplace_back("actor", st.actor);
            if (st.duration_ms >= 0) {
                r.duration = core::Millis(st.duration_ms);
                r.evidence.emplace_back("duration_ms",
                                        core::EvidenceValue::integer(st.duration_ms));
            }
            r.evidence.emplace_back("last", core::format_rfc3339(st.last));
        }
        for (const auto& [k, v] : st.evidence)
            r.evidence.emplace_back(k, v);
        r.message = st.headline.empty() ? std::string(k_state[static_cast<int>(st.state)]) : st.headline;
        suite.results.push_back(std::move(r));
    }
    return suite;
}

int run_checklist(core::cli::Invocation& inv) {
    std::string format = inv.arg<std::string>("format").value_or("md");
    if (format != "md" && format != "html") throw core::UsageError(core::msg::tr("window.checklist.error.format"));
    auto output = inv.arg<std::string>("output");
    if (output && *output != "-") core::check_output_path(*output, "--output");
    const auto& common = inv.common();
    if ((!output || *output == "-") &&
        ((common.json && *common.json == "-") || (common.junit && *common.junit == "-")))
        throw core::UsageError(core::msg::tr("window.checklist.error.stdout_twice"));
    ChecklistInput in;
    in.lang = run_lang();
    const core::config::PlanSection plan = core::config::plan_decl().read(inv.config());
    in.rows = plan_rows(plan);
    in.people = role_people(plan);
    in.postmortem = inv.arg<bool>("postmortem").value_or(false);
    in.generated = inv.clock().now();
    in.links = links_for(inv, output);
    std::string dir = journal_dir(inv);
    const core::JournalRead& read = inv.history();
    in.record = build_record(read);
    for (const auto& p : in.record.problems) inv.warn(p);
    if (in.record.events.empty()) inv.warn(core::msg::tr("window.checklist.empty_journal", {{"dir", dir}}));
    if (in.postmortem) {
        auto repo = inv.arg<std::string>("repo");
        if (!repo) repo = core::config::release_decl().read(inv.config()).repo;
        add_commits(in, repo, *inv.adapters().process());
    }
    std::string text = core::mask(format == "html" ? render_html(in) : render_markdown(in));
    if (output && *output != "-") {
        core::write_file_atomic(*output, text);
        inv.info(core::msg::tr("window.checklist.written", {{"file", *output}}));
    } else {
        inv.out() << text;
    }
    core::report::Suite suite = rows_suite(inv, in);
    inv.write_reports(suite, core::k_exit_ok);
    return core::k_exit_ok;
}

} // namespace

const core::cli::Command& checklist_command() {
    static const core::cli::Command cmd{
        "checklist",
        "window.checklist.summary",
        "compuerta checklist [--format md|html] [--lang es|en] [--postmortem] [-o FILE] [OPTIONS]",
        "window.checklist.description",
        true,
        false,
        checklist_options,
        {},
        run_checklist,
    };
    return cmd;
}

} // namespace compuerta::plugin::window
