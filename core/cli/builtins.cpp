// The registry's own commands, beside `help` and `--version`: they read the
// declarations and never load a configuration or open the journal.
//   compuerta completion bash     the completion script on standard output
//   compuerta help --man DIR      compuerta.1 and one page per command in DIR
#include "core/cli/completion.hpp"
#include "core/cli/man_page.hpp"
#include "core/cli/registry.hpp"
#include "core/errors.hpp"
#include "core/messages/catalog.hpp"

#include <chrono>
#include <cstdlib>
#include <fmt/chrono.h>
#include <fmt/format.h>
#include <ostream>

namespace compuerta::core::cli {

namespace {

// The pages' date: SOURCE_DATE_EPOCH when set (reproducible builds), else none.
std::string man_date() {
    const char* epoch = std::getenv("SOURCE_DATE_EPOCH");
    if (epoch == nullptr || *epoch == '\0')
        return "";
    char* end = nullptr;
    long long secs = std::strtoll(epoch, &end, 10);
    if (*end != '\0' || secs < 0)
        return "";
    std::time_t t = static_cast<std::time_t>(secs);
    return fmt::format("{:%Y-%m-%d}", fmt::gmtime(t));
}

} // namespace

std::optional<int> Registry::run_builtin(const std::vector<std::string>& args, std::ostream& out,
                                         std::ostream& err) const {
    if (args.empty())
        return std::nullopt;
    // `compuerta help completion` is `compuerta completion --help`.
    if (args.size() == 2 && args[0] == "help" && args[1] == "completion")
        return run_builtin({"completion", "--help"}, out, err);
    if (args[0] == "completion") {
        if (args.size() == 2 && args[1] == "bash") {
            write_bash_completion(*this, out);
            return k_exit_ok;
        }
        if (args.size() == 2 && (args[1] == "-h" || args[1] == "--help")) {
            out << msg::tr("cli.completion.help") << "\n";
            return k_exit_ok;
        }
        err << msg::tr("cli.completion.no_shell") << "\n";
        return k_exit_usage;
    }
    if (args[0] == "help" && args.size() >= 2 && args[1] == "--man") {
        if (args.size() != 3) {
            err << msg::tr("cli.man.no_dir") << "\n";
            return k_exit_usage;
        }
        try {
            auto pages = write_man_pages(*this, args[2], {COMPUERTA_VERSION, man_date()});
            out << msg::trn("man.wrote", static_cast<long long>(pages.size()), {{"dir", args[2]}})
                << "\n";
            return k_exit_ok;
        } catch (const ExitError& e) {
            err << "compuerta " << e.what() << "\n";
            return e.code();
        }
    }
    return std::nullopt;
}

} // namespace compuerta::core::cli
