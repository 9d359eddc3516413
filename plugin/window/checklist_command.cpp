// compuerta checklist [--format md|html] [--lang es|en] [--postmortem] [-o FILE]
#include "plugin/window/commands.hpp"

#include "core/errors.hpp"
#include "core/fs.hpp"
#include "core/ports/process.hpp"
#include "core/secrets.hpp"
#include "plugin/window/checklist.hpp"
#include "plugin/window/common.hpp"

#include <fmt/format.h>
#include <sstream>

namespace compuerta::plugin::window {

namespace po = boost::program_options;

namespace {

void options(po::options_description& d) {
    d.add_options()
        ("format", po::value<std::string>()->default_value("md"), "md or html")
        ("lang", po::value<std::string>(), "es or en (default plan.lang, else es)")
        ("postmortem", po::bool_switch(), "add the post-mortem skeleton (rollback 6)")
        ("output,o", po::value<std::string>(), "write to FILE (atomically) instead of standard output")
        ("repo", po::value<std::string>(), "git repository for the commits between the tags (default: release.repo, else current directory)");
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

int run(core::cli::Invocation& inv) {
    std::string format = inv.arg<std::string>("format").value_or("md");
    if (format != "md" && format != "html") throw core::UsageError("--format: use md or html");
    auto output = inv.arg<std::string>("output");
    if (output && *output != "-") core::check_output_path(*output, "--output");
    ChecklistInput in;
    in.lang = choose_lang(inv.arg<std::string>("lang"), inv.config(), "plan.lang");
    in.rows = plan_rows(inv.config());
    in.people = role_people(inv.config());
    in.postmortem = inv.arg<bool>("postmortem").value_or(false);
    in.generated = inv.clock().now();
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
        "HTML is one self-contained file with an inline SVG timeline.",
        false,
        false,
        options,
        {},
        run,
    };
    return cmd;
}

} // namespace compuerta::plugin::window
