#include "tests/unit/db/run_program.hpp"


#include <stdexcept>

namespace compuerta::test {

Run run_program(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
                const std::string& cwd, int timeout_s) {
    if (argv.empty()) throw std::runtime_error("run_program: no program");
    std::optional<std::filesystem::path> dir;
    if (!cwd.empty()) dir = cwd;
    return run(argv[0], std::vector<std::string>(argv.begin() + 1, argv.end()), env, dir, timeout_s);
}

} // namespace compuerta::test
