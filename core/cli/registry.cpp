#include "core/cli/registry.hpp"

#include "core/errors.hpp"
#include "core/util/text.hpp"

#include <algorithm>
#include <cstring>
#include <fmt/format.h>
#include <iostream>
#include <set>
#include <stdexcept>
#include <unistd.h>

namespace compuerta::core::cli {

namespace fs = std::filesystem;

std::string program_name(const std::string& command_name) {
    std::string n = "compuerta-" + command_name;
    std::replace(n.begin(), n.end(), ' ', '-');
    return n;
}

std::vector<fs::path> sibling_dirs() {
    std::vector<fs::path> dirs;
    std::error_code ec;
    fs::path self = fs::read_symlink("/proc/self/exe", ec);
    if (!ec)
        dirs.push_back(self.parent_path());
    if (const char* path = std::getenv("PATH"))
        for (const auto& d : util::split(path, ':'))
            if (!d.empty())
                dirs.emplace_back(d);
    return dirs;
}

std::optional<fs::path> find_executable(const std::vector<fs::path>& dirs, const std::string& program) {
    std::error_code ec;
    for (const auto& d : dirs) {
        fs::path p = d / program;
        if (access(p.c_str(), X_OK) == 0 && !fs::is_directory(p, ec))
            return p;
    }
    return std::nullopt;
}

std::optional<fs::path> sibling(const std::string& program) { return find_executable(sibling_dirs(), program); }

std::size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diag = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diag = up;
        }
    }
    return row[b.size()];
}

void Registry::add(Command cmd) {
    if (find(cmd.name) != nullptr)
        throw std::logic_error("command registered twice: " + cmd.name);
    m_commands.push_back(std::move(cmd));
}

void Registry::add_values(std::string placeholder, std::vector<std::string> values) {
    m_values.emplace_back(std::move(placeholder), std::move(values));
}

void Registry::add_external(std::string name, std::string program, std::string summary) {
    m_externals.push_back({std::move(name), std::move(program), std::move(summary)});
}

const Command* Registry::find(const std::string& name) const {
    for (const auto& c : m_commands)
        if (c.name == name)
            return &c;
    return nullptr;
}

const Command* Registry::find_by_program(const std::string& program) const {
    for (const auto& c : m_commands)
        if (program_name(c.name) == program)
            return &c;
    return nullptr;
}

std::vector<const Command*> Registry::group(const std::string& word) const {
    std::vector<const Command*> out;
    for (const auto& c : m_commands)
        if (c.name.rfind(word + " ", 0) == 0)
            out.push_back(&c);
    return out;
}

std::vector<std::string> Registry::suggestions(const std::string& word) const {
    std::set<std::string> names;
    for (const auto& c : m_commands) {
        names.insert(c.name);
        names.insert(c.name.substr(0, c.name.find(' ')));
    }
    for (const auto& e : m_externals)
        names.insert(e.name);
    names.insert("completion");
    std::size_t best = std::max<std::size_t>(2, word.size() / 3) + 1;
    std::vector<std::string> out;
    for (const auto& n : names) {
        std::size_t d = edit_distance(word, n);
        bool prefix = word.size() >= 2 && n.rfind(word, 0) == 0;
        if (prefix)
            d = std::min<std::size_t>(d, 1);
        if (d < best) {
            best = d;
            out.clear();
        }
        if (d == best)
            out.push_back(n);
    }
    return out;
}

void Registry::print_help(std::ostream& out) const {
    out << "Usage: compuerta COMMAND [ARGS...]\n\n"
           "compuerta turns the SEP-MUSES deployment plan into pipeline gates, smoke tests and an\n"
           "automatic rollback. Each command writes JUnit (--junit) and JSON (--json), appends to\n"
           "the journal and exits 0 (passed), 1 (a check failed), 2 (usage or configuration\n"
           "error), 3 (could not evaluate: retry or fix) or 4 (waiting for a human decision:\n"
           "an approval, a sign-off). Several apply: 2 over 1 over 3 over 4 over 0.\n\n"
           "Commands (compuerta help COMMAND, or compuerta COMMAND --help, for each):\n";
    std::vector<std::pair<std::string, std::string>> rows;
    for (const auto& c : m_commands)
        rows.emplace_back(c.name, c.summary);
    for (const auto& e : m_externals)
        rows.emplace_back(e.name, e.summary);
    rows.emplace_back("completion", "Print the bash completion script (compuerta completion bash).");
    std::sort(rows.begin(), rows.end());
    for (const auto& [name, summary] : rows)
        out << fmt::format("  {:<18} {}\n", name, summary);
    out << "\nEvery command is also reachable as compuerta-COMMAND (e.g. compuerta-db-backup) "
           "where that\n"
           "link is installed. compuerta --version prints compuerta's version.\n";
}

int Registry::run_external(const External& e, const std::vector<std::string>& args,
                           std::ostream& err) const {
    auto path = sibling(e.program);
    if (!path) {
        err << fmt::format("compuerta: error: {} is not installed beside compuerta or on PATH\n",
                           e.program);
        return k_exit_usage;
    }
    std::vector<std::string> owned{path->string()};
    owned.insert(owned.end(), args.begin(), args.end());
    std::vector<char*> cargv;
    for (auto& a : owned)
        cargv.push_back(a.data());
    cargv.push_back(nullptr);
    std::cout.flush();
    execv(owned[0].c_str(), cargv.data());
    err << fmt::format("compuerta: error: cannot run {}: {}\n", owned[0], std::strerror(errno));
    return k_exit_cannot_evaluate;
}

int Registry::run(const std::vector<std::string>& argv, std::ostream& out,
                  std::ostream& err) const {
    std::string self = argv.empty() ? "compuerta" : fs::path(argv[0]).filename().string();
    std::vector<std::string> args(argv.begin() + (argv.empty() ? 0 : 1), argv.end());
    // argv[0] dispatch: compuerta-db-backup ARGS == compuerta db backup ARGS.
    if (self != "compuerta" && self.rfind("compuerta-", 0) == 0) {
        if (const Command* c = find_by_program(self)) {
            std::vector<std::string> full{"compuerta " + c->name};
            full.insert(full.end(), args.begin(), args.end());
            return main_for(*c, full, out, err);
        }
    }
    if (args.empty() || args[0] == "-h" || args[0] == "--help") {
        print_help(out);
        return k_exit_ok;
    }
    if (args[0] == "--version") {
        out << "compuerta " << COMPUERTA_VERSION << "\n";
        return k_exit_ok;
    }
    if (auto code = run_builtin(args, out, err))
        return *code;
    bool help = false;
    if (args[0] == "help") {
        help = true;
        args.erase(args.begin());
        if (args.empty()) {
            print_help(out);
            return k_exit_ok;
        }
    }
    std::size_t used = 0;
    const Command* cmd = nullptr;
    if (args.size() >= 2 && (cmd = find(args[0] + " " + args[1])) != nullptr)
        used = 2;
    else if ((cmd = find(args[0])) != nullptr)
        used = 1;
    if (cmd == nullptr) {
        for (const auto& e : m_externals)
            if (e.name == args[0]) {
                std::vector<std::string> rest(args.begin() + 1, args.end());
                if (help)
                    rest = {"--help"};
                return run_external(e, rest, err);
            }
    }
    if (cmd == nullptr) {
        auto members = group(args[0]);
        if (!members.empty()) {
            bool alone = args.size() == 1 || args[1] == "--help" || args[1] == "-h";
            std::ostream& o = alone ? out : err;
            if (!alone) {
                auto near = suggestions(args[0] + " " + args[1]);
                o << fmt::format("compuerta: error: \"{} {}\" is not a command", args[0], args[1]);
                if (!near.empty())
                    o << fmt::format("; did you mean `compuerta {}`?",
                                     util::join(near, "` or `compuerta "));
                o << "\n\n";
            }
            o << fmt::format("Usage: compuerta {} SUBCOMMAND [ARGS...]\n\nSubcommands:\n", args[0]);
            for (const Command* m : members)
                o << fmt::format("  {:<18} {}\n", m->name, m->summary);
            return alone ? k_exit_ok : k_exit_usage;
        }
        auto near = suggestions(args[0]);
        err << fmt::format("compuerta: error: unknown command \"{}\"", args[0]);
        if (!near.empty())
            err << fmt::format("; did you mean `{}`?", util::join(near, "` or `"));
        err << " (compuerta --help lists every command)\n";
        return k_exit_usage;
    }
    std::vector<std::string> full{"compuerta " + cmd->name};
    if (help)
        full.push_back("--help");
    else
        full.insert(full.end(), args.begin() + static_cast<long>(used), args.end());
    return main_for(*cmd, full, out, err);
}

int Registry::run(int argc, char** argv) const {
    std::vector<std::string> args(argv, argv + argc);
    int code = run(args, std::cout, std::cerr);
    std::cout.flush();
    return code;
}

} // namespace compuerta::core::cli
