// compuerta checklist [--format md|html] [--lang es|en] [--postmortem] [-o FILE]
#include "plugin/window/commands.hpp"

#include "core/config/rules.hpp"
#include "core/config/sections/checklist.hpp"
#include "core/errors.hpp"
#include "core/fs.hpp"
#include "core/ports/process.hpp"
#include "core/secrets.hpp"
#include "plugin/window/checklist.hpp"
#include "plugin/window/common.hpp"

#include <filesystem>
#include <fmt/format.h>
#include <sstream>

namespace compuerta::plugin::window {

namespace po = boost::program_options;

namespace {

void options(po::options_description& d) {
    d.add_options()
        ("format", po::value<std::string>()->default_value("md"), "md or html")
        ("postmortem", po::bool_switch(), "add the post-mortem skeleton (rollback 6)")
        ("output,o", po::value<std::string>(), "write to FILE (atomically) instead of standard output")
        ("repo", po::value<std::string>(), "git repository for the commits between the tags (default: release.repo, else current directory)")
        ("link-base", po::value<std::string>()->value_name("URL"), "base URL of evidence links, e.g. the job's artifacts (default checklist.links_base_url, else links relative to the report)");
}

void add_commits(ChecklistInput& in, const std::optional<std::string>& repo) {
    const Record& r = in.record;
    bool en = in.lang == Lang::en;
    if (r.previous_release.empty() || r.release.empty()) {
        in.commits_note = en ? "The journal does not name both releases (deploy.start/deploy.done)."
                             : "El journal no nombra ambas versiones (deploy.start/deploy.done).";
        return;
    }
    auto proc = core::make_posix_process();
    core::ProcessSpec spec;
    spec.argv = {"git", "log", "--oneline", "--no-decorate", "--max-count=200",
                 r.previous_release + ".." + r.release};
    spec.cwd = repo.value_or("");
    spec.merge_stderr = false;
    auto res = proc->run(spec, core::Deadline::after(core::Millis(15'000)));
    if (!res || !res->ok()) {
        std::string why = !res ? res.error().message : res->error_output;
        while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
        in.commits_note = fmt::format("{} `git log {}..{}`: {}", en ? "Not available:" : "No disponible:",
                                      r.previous_release, r.release, why.empty() ? "git failed" : why);
        return;
    }
    std::istringstream lines(res->output);
    for (std::string line; std::getline(lines, line);)
        if (!line.empty()) in.commits.push_back(line);
    if (in.commits.empty()) in.commits_note = en ? "No commits between the two tags." : "No hay commits entre las dos etiquetas.";
}

// Evidence links (2 of issue 13): --link-base, else checklist.links_base_url,
// else relative to the directory of -o FILE.
Links links_for(core::cli::Invocation& inv, const std::optional<std::string>& output) {
    Links links;
    auto base = inv.arg<std::string>("link-base");
    if (base) {
        if (auto why = core::config::url_problem(*base, {"http", "https"}))
            throw core::UsageError("--link-base: " + *why);
        links.base_url = *base;
    } else {
        // A ${VAR} value is checked here, by the rule the file's values pass at load.
        core::config::ChecklistSection section = core::config::checklist_decl().read(inv.config());
        if (section.links_base_url && !section.links_base_url->empty()) {
            const auto v = inv.config().at("checklist.links_base_url");
            if (auto why = core::config::url_problem(*section.links_base_url, {"http", "https"}))
                throw core::ConfigError(fmt::format("{}: {}: {}", v.where(), v.path(), *why));
            links.base_url = *section.links_base_url;
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

int run(core::cli::Invocation& inv) {
    std::string format = inv.arg<std::string>("format").value_or("md");
    if (format != "md" && format != "html") throw core::UsageError("--format: use md or html");
    auto output = inv.arg<std::string>("output");
    if (output && *output != "-") core::check_output_path(*output, "--output");
    const auto& common = inv.common();
    if ((!output || *output == "-") &&
        ((common.json && *common.json == "-") || (common.junit && *common.junit == "-")))
        throw core::UsageError(
            "the checklist and --json -/--junit - would both use standard output: write the "
            "checklist with -o FILE or the report to a file");
    ChecklistInput in;
    in.lang = run_lang();
    in.rows = plan_rows(inv.config());
    in.people = role_people(inv.config());
    in.postmortem = inv.arg<bool>("postmortem").value_or(false);
    in.generated = inv.clock().now();
    in.links = links_for(inv, output);
    std::string dir = journal_dir(inv);
    const core::JournalRead& read = inv.history();
    in.record = build_record(read);
    for (const auto& p : in.record.problems) inv.warn(p);
    if (in.record.events.empty()) inv.warn(fmt::format("the journal {} has no events: every row is open", dir));
    if (in.postmortem) {
        auto repo = inv.arg<std::string>("repo");
        if (!repo && inv.config().at("release.repo").present()) repo = inv.config().at("release.repo").str();
        add_commits(in, repo);
    }
    std::string text = core::mask(format == "html" ? render_html(in) : render_markdown(in));
    if (output && *output != "-") {
        core::write_file_atomic(*output, text);
        inv.info(fmt::format("checklist written to {}", *output));
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
        "Render the plan's tables from the journal; with --postmortem, the post-mortem skeleton.",
        "compuerta checklist [--format md|html] [--lang es|en] [--postmortem] [-o FILE] [OPTIONS]",
        "Sections 3, 4 and 5 of the plan with their roles; each row done, failed, skipped, in\n"
        "progress or open, with time, actor, duration and evidence links, read from every journal\n"
        "file of --journal. A corrupt journal line is named (file:line) and the rest is rendered.\n"
        "--postmortem adds the timeline, the failed checks, the commits between the two tags\n"
        "(git log in --repo), what the rollback did, and headings for root cause and actions.\n"
        "Evidence links: a URL as it is; a file of the working directory relative to the report\n"
        "(-o), or under --link-base / checklist.links_base_url (e.g. the job's artifacts URL).\n"
        "HTML is one self-contained file with an inline SVG timeline. --json/--junit: one check per\n"
        "plan row (done pass, failed fail, warn warn, open or skipped skip). Exit 0 (a record, not a\n"
        "gate), 2 usage.",
        true,
        false,
        options,
        {},
        run,
    };
    return cmd;
}

} // namespace compuerta::plugin::window
