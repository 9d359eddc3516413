#include "core/cli/registry.hpp"

#include "core/errors.hpp"
#include "core/util/text.hpp"

#include "core/cli/language.hpp"
#include "core/messages/catalog.hpp"

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
    out << msg::tr("registry.help.intro") << "\n";
    std::vector<std::pair<std::string, std::string>> rows;
    for (const auto& c : m_commands)
        rows.emplace_back(c.name, msg::tr(c.summary));
    for (const auto& e : m_externals)
        rows.emplace_back(e.name, msg::tr(e.summary));
    rows.emplace_back("completion", msg::tr("registry.completion.summary"));
    std::sort(rows.begin(), rows.end());
    for (const auto& [name, summary] : rows)
        out << fmt::format("  {:<18} {}\n", name, summary);
    out << "\n" << msg::tr("registry.help.links") << "\n";
}

int Registry::run_external(const External& e, const std::vector<std::string>& args,
                           std::ostream& err) const {
    auto path = sibling(e.program);
    if (!path) {
        err << msg::tr("registry.external.missing", {{"program", e.program}}) << "\n";
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
    err << msg::tr("registry.external.exec", {{"program", owned[0]}, {"reason", std::strerror(errno)}}) << "\n";
    return k_exit_cannot_evaluate;
}

int Registry::run(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err,
                  const Adapters& adapters) const {
    std::string self = argv.empty() ? "compuerta" : fs::path(argv[0]).filename().string();
    std::vector<std::string> args(argv.begin() + (argv.empty() ? 0 : 1), argv.end());
    // `compuerta --lang es COMMAND ...`: the language may come before the
    // command too; it is handed on to the command.
    // `compuerta db --lang es` too: --lang is every command's option, so it
    // is taken out wherever it stands (before a "--") and handed on.
    std::vector<std::string> lang_args;
    for (std::size_t i = 0; i < args.size() && args[i] != "--";) {
        std::size_t n = args[i].rfind("--lang=", 0) == 0 ? 1 : (args[i] == "--lang" && i + 1 < args.size()) ? 2 : 0;
        if (n == 0) {
            ++i;
            continue;
        }
        lang_args.insert(lang_args.end(), args.begin() + static_cast<long>(i), args.begin() + static_cast<long>(i + n));
        args.erase(args.begin() + static_cast<long>(i), args.begin() + static_cast<long>(i + n));
    }
    try {
        msg::set_current(choose_language(lang_in_args(lang_args.empty() ? args : lang_args), ProcessEnv(), std::nullopt));
    } catch (const UsageError& e) {
        err << msg::tr("cli.error", {{"program", "compuerta"}, {"message", e.what()}}) << "\n";
        return k_exit_usage;
    }
    // argv[0] dispatch: compuerta-db-backup ARGS == compuerta db backup ARGS.
    if (self != "compuerta" && self.rfind("compuerta-", 0) == 0) {
        if (const Command* c = find_by_program(self)) {
            std::vector<std::string> full{"compuerta " + c->name};
            full.insert(full.end(), lang_args.begin(), lang_args.end());
            full.insert(full.end(), args.begin(), args.end());
            return main_for(*c, full, out, err, adapters);
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
                rest.insert(rest.begin(), lang_args.begin(), lang_args.end());
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
                o << msg::tr("registry.not_a_subcommand", {{"command", args[0] + " " + args[1]}});
                if (!near.empty())
                    o << msg::tr("registry.did_you_mean",
                                 {{"commands", "compuerta " + util::join(near, msg::tr("registry.or") + "compuerta ")}});
                o << "\n\n";
            }
            o << msg::tr("registry.group.usage", {{"group", args[0]}}) << "\n";
            for (const Command* m : members)
                o << fmt::format("  {:<18} {}\n", m->name, msg::tr(m->summary));
            return alone ? k_exit_ok : k_exit_usage;
        }
        auto near = suggestions(args[0]);
        err << msg::tr("registry.unknown_command", {{"command", args[0]}});
        if (!near.empty()) err << msg::tr("registry.did_you_mean", {{"commands", util::join(near, msg::tr("registry.or"))}});
        err << msg::tr("registry.see_help") << "\n";
        return k_exit_usage;
    }
    std::vector<std::string> full{"compuerta " + cmd->name};
    full.insert(full.end(), lang_args.begin(), lang_args.end());
    if (help)
        full.push_back("--help");
    else
        full.insert(full.end(), args.begin() + static_cast<long>(used), args.end());
    return main_for(*cmd, full, out, err, adapters);
}

int Registry::run(int argc, char** argv, const Adapters& adapters) const {
    std::vector<std::string> args(argv, argv + argc);
    int code = run(args, std::cout, std::cerr, adapters);
    std::cout.flush();
    return code;
}

} // namespace compuerta::core::cli
