#include "core/cli/command.hpp"
#include "core/errors.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>
#include <iostream>
#include <set>
#include <unistd.h>

namespace compuerta::core::cli {

namespace fs = std::filesystem;

namespace {

std::vector<fs::path> search_dirs() {
    std::vector<fs::path> dirs;
    std::error_code ec;
    fs::path self = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) dirs.push_back(self.parent_path());
    if (const char* path = std::getenv("PATH")) {
        std::string p(path);
        std::size_t start = 0;
        while (start <= p.size()) {
            auto colon = p.find(':', start);
            std::string d = p.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
            if (!d.empty()) dirs.emplace_back(d);
            if (colon == std::string::npos) break;
            start = colon + 1;
        }
    }
    return dirs;
}

std::optional<fs::path> find_program(const std::string& name) {
    for (const auto& d : search_dirs()) {
        fs::path p = d / name;
        if (access(p.c_str(), X_OK) == 0 && !fs::is_directory(p)) return p;
    }
    return std::nullopt;
}

std::string summary_of(const fs::path& program) {
    std::string cmd = fmt::format("'{}' --help 2>/dev/null", program.string());
    FILE* f = popen(cmd.c_str(), "r");
    if (f == nullptr) return {};
    char buf[512];
    std::string lines[3];
    int n = 0;
    while (n < 3 && std::fgets(buf, sizeof buf, f) != nullptr) lines[n++] = buf;
    pclose(f);
    // Help starts "Usage: ...", a blank line, then the summary.
    std::string s = n >= 3 ? lines[2] : "";
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
    return s;
}

int print_help(std::ostream& out) {
    out << "Usage: compuerta COMMAND [ARGS...]\n\n"
           "compuerta turns the SEP-MUSES deployment plan into pipeline gates, smoke tests and an\n"
           "automatic rollback. Each command writes JUnit (--junit), appends to the journal and exits\n"
           "0 (passed), 1 (a check failed), 2 (usage or configuration error) or 3 (could not evaluate).\n\n"
           "Installed commands (compuerta COMMAND --help for each):\n";
    std::set<std::string> seen;
    for (const auto& d : search_dirs()) {
        std::error_code ec;
        std::vector<fs::path> found;
        for (const auto& e : fs::directory_iterator(d, ec)) {
            std::string n = e.path().filename().string();
            if (n.rfind("compuerta-", 0) == 0 && access(e.path().c_str(), X_OK) == 0) found.push_back(e.path());
        }
        std::sort(found.begin(), found.end());
        for (const auto& p : found) {
            std::string n = p.filename().string().substr(10);
            if (!seen.insert(n).second) continue;
            std::string shown = n;
            for (char& c : shown)
                if (c == '-') c = ' ';
            // A few programs have dashes in one word (renapo-sim): keep the file name visible.
            out << fmt::format("  {:<22} {}\n", shown == n ? n : shown, summary_of(p));
        }
    }
    if (seen.empty()) out << "  (none found beside compuerta or on PATH)\n";
    return k_exit_ok;
}

} // namespace

int dispatch(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "-h" || args[0] == "--help" || args[0] == "help") return print_help(std::cout);
    if (args[0] == "--version") {
        std::cout << "compuerta " << COMPUERTA_VERSION << "\n";
        return k_exit_ok;
    }
    std::vector<std::pair<std::string, std::size_t>> candidates;
    if (args.size() >= 2 && !args[1].empty() && args[1][0] != '-')
        candidates.emplace_back("compuerta-" + args[0] + "-" + args[1], 2);
    candidates.emplace_back("compuerta-" + args[0], 1);
    for (const auto& [name, used] : candidates) {
        auto program = find_program(name);
        if (!program) continue;
        std::vector<std::string> rest(args.begin() + static_cast<long>(used), args.end());
        std::vector<char*> cargv;
        std::string prog = program->string();
        cargv.push_back(prog.data());
        for (auto& a : rest) cargv.push_back(a.data());
        cargv.push_back(nullptr);
        execv(prog.c_str(), cargv.data());
        std::cerr << fmt::format("compuerta: error: cannot run {}: {}\n", prog, std::strerror(errno));
        return k_exit_cannot_evaluate;
    }
    std::cerr << fmt::format("compuerta: error: unknown command \"{}\": no compuerta-{} beside compuerta or on PATH "
                             "(compuerta --help lists the installed commands)\n",
                             args[0], args[0]);
    return k_exit_usage;
}

} // namespace compuerta::core::cli
