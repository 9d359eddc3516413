// fork/exec in a new process group with a pipe per stream and a poll loop,
// so a hanging command and everything it started are killed at the deadline.
#include "core/messages/catalog.hpp"
#include "core/ports/process.hpp"
#include "core/secrets.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace compuerta::core {

std::vector<std::string> shell_argv(const std::string& command) { return {"/bin/sh", "-c", command}; }

namespace {

struct Pipe {
    int r = -1, w = -1;
    bool open() {
        int fds[2];
        if (pipe2(fds, O_CLOEXEC) != 0) return false;
        r = fds[0];
        w = fds[1];
        return true;
    }
    void close_all() {
        if (r >= 0) ::close(r);
        if (w >= 0) ::close(w);
        r = w = -1;
    }
};

void keep_tail(std::string& buf, std::size_t max, bool& truncated) {
    if (buf.size() > max) {
        buf.erase(0, buf.size() - max);
        truncated = true;
    }
}

class PosixProcess final : public Process {
  public:
    Result<ProcessResult> run(const ProcessSpec& spec, const Deadline& deadline) override {
        if (spec.argv.empty()) return Error{msg::tr("process.no_command")};
        auto start = std::chrono::steady_clock::now();
        // Environment for the child.
        std::vector<std::string> envs;
        for (char** e = environ; *e != nullptr; ++e) {
            std::string kv(*e);
            std::string k = kv.substr(0, kv.find('='));
            if (spec.env.count(k)) continue;
            bool drop = false;
            for (const auto& u : spec.unset_env) drop = drop || u == k;
            if (!drop) envs.push_back(kv);
        }
        for (const auto& [k, v] : spec.env) envs.push_back(k + "=" + v);
        std::vector<char*> envp, argv;
        for (auto& s : envs) envp.push_back(s.data());
        envp.push_back(nullptr);
        std::vector<std::string> args = spec.argv;
        for (auto& s : args) argv.push_back(s.data());
        argv.push_back(nullptr);

        Pipe out, err, in, exec_err;
        if (!out.open() || !err.open() || !in.open() || !exec_err.open())
            return Error{msg::tr("process.no_pipes", {{"error", std::strerror(errno)}})};
        pid_t pid = fork();
        if (pid < 0) return Error{msg::tr("process.no_fork", {{"error", std::strerror(errno)}})};
        if (pid == 0) {
            setpgid(0, 0);
            dup2(in.r, 0);
            dup2(out.w, 1);
            dup2(spec.merge_stderr ? out.w : err.w, 2);
            if (!spec.cwd.empty() && chdir(spec.cwd.c_str()) != 0) {
                int e = errno;
                (void)!::write(exec_err.w, &e, sizeof e);
                _exit(127);
            }
            signal(SIGPIPE, SIG_DFL);
            execvpe(argv[0], argv.data(), envp.data());
            int e = errno;
            (void)!::write(exec_err.w, &e, sizeof e);
            _exit(127);
        }
        setpgid(pid, pid);
        ::close(out.w);
        out.w = -1;
        ::close(err.w);
        err.w = -1;
        ::close(in.r);
        in.r = -1;
        ::close(exec_err.w);
        exec_err.w = -1;
        int child_errno = 0;
        if (::read(exec_err.r, &child_errno, sizeof child_errno) == static_cast<ssize_t>(sizeof child_errno)) {
            waitpid(pid, nullptr, 0);
            out.close_all();
            err.close_all();
            in.close_all();
            exec_err.close_all();
            return Error{fmt::format("cannot run {}: {}", spec.argv[0], std::strerror(child_errno))};
        }
        exec_err.close_all();
        if (spec.stdin_data) {
            // Small inputs only; written before reading (no deadlock below the pipe buffer).
            (void)!::write(in.w, spec.stdin_data->data(), spec.stdin_data->size());
        }
        in.close_all();

        ProcessResult res;
        std::string line_buf;
        auto emit_lines = [&](const char* data, std::size_t n) {
            if (!spec.on_line) return;
            line_buf.append(data, n);
            std::size_t nl;
            while ((nl = line_buf.find('\n')) != std::string::npos) {
                spec.on_line(spec.mask_output ? mask(line_buf.substr(0, nl)) : line_buf.substr(0, nl));
                line_buf.erase(0, nl + 1);
            }
        };
        bool killed = false;
        auto kill_at = deadline.at();
        while (out.r >= 0 || err.r >= 0) {
            pollfd fds[2];
            int n = 0;
            if (out.r >= 0) fds[n++] = {out.r, POLLIN, 0};
            if (err.r >= 0) fds[n++] = {err.r, POLLIN, 0};
            auto now = std::chrono::steady_clock::now();
            if (!killed && now >= kill_at) {
                res.timed_out = true;
                killed = true;
                kill(-pid, SIGTERM);
                kill_at = now + spec.kill_grace;
            } else if (killed && now >= kill_at) {
                kill(-pid, SIGKILL);
                kill_at = std::chrono::steady_clock::time_point::max();
            }
            long long wait_ms = kill_at == std::chrono::steady_clock::time_point::max()
                                    ? 1000
                                    : std::chrono::duration_cast<Millis>(kill_at - now).count();
            int rc = ::poll(fds, static_cast<nfds_t>(n), static_cast<int>(std::clamp<long long>(wait_ms, 0, 1000)));
            if (rc < 0 && errno != EINTR) break;
            for (int i = 0; i < n; ++i) {
                if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
                char buf[65536];
                ssize_t got = ::read(fds[i].fd, buf, sizeof buf);
                bool is_out = fds[i].fd == out.r;
                if (got <= 0) {
                    ::close(fds[i].fd);
                    (is_out ? out.r : err.r) = -1;
                    continue;
                }
                std::string& target = is_out ? res.output : res.error_output;
                target.append(buf, static_cast<std::size_t>(got));
                keep_tail(target, spec.max_output, res.output_truncated);
                if (is_out) emit_lines(buf, static_cast<std::size_t>(got));
            }
        }
        if (spec.on_line && !line_buf.empty()) spec.on_line(spec.mask_output ? mask(line_buf) : line_buf);
        // Output closed; the child (or a straggler holding no pipe) may still run.
        int status = 0;
        while (true) {
            pid_t w = waitpid(pid, &status, WNOHANG);
            if (w == pid) break;
            if (w < 0 && errno != EINTR) break;
            auto now = std::chrono::steady_clock::now();
            if (!killed && now >= deadline.at()) {
                res.timed_out = true;
                killed = true;
                kill(-pid, SIGTERM);
                kill_at = now + spec.kill_grace;
            } else if (killed && now >= kill_at) {
                kill(-pid, SIGKILL);
            }
            usleep(10'000);
        }
        if (killed) kill(-pid, SIGKILL); // leave nothing of the group behind
        if (WIFEXITED(status)) res.exit_code = WEXITSTATUS(status);
        if (WIFSIGNALED(status)) res.signal = WTERMSIG(status);
        if (spec.mask_output) {
            res.output = mask(res.output);
            res.error_output = mask(res.error_output);
        }
        res.duration = std::chrono::duration_cast<Millis>(std::chrono::steady_clock::now() - start);
        return res;
    }
};

} // namespace

std::unique_ptr<Process> make_posix_process() { return std::make_unique<PosixProcess>(); }

} // namespace compuerta::core
