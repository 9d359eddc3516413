#include "tests/unit/db/run_program.hpp"

#include "core/ports/process.hpp"

#include <stdexcept>

namespace compuerta::test {

Run run_program(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
                const std::string& cwd, int timeout_s) {
    core::ProcessSpec spec;
    spec.argv = argv;
    spec.env = env;
    spec.cwd = cwd;
    spec.merge_stderr = false;
    spec.max_output = 16 << 20;
    auto r = core::make_posix_process()->run(spec, core::Deadline::after(std::chrono::seconds(timeout_s)));
    if (!r) throw std::runtime_error(r.error().message);
    Run out;
    out.code = r->signal != 0 ? 128 + r->signal : r->exit_code;
    if (r->timed_out) out.code = -9;
    out.out = r->output;
    out.err = r->error_output;
    return out;
}

} // namespace compuerta::test
