#pragma once
// A server started in the background for a test (renapo-sim or a small
// Python server) that reports its port in a file; stopped at scope exit.
#include "tests/support/support.hpp"

#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <fstream>
#include <spawn.h>
#include <stdexcept>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace compuerta::test {

class Background {
  public:
    // Runs `program args...`; `port_file` is where it writes its port.
    Background(const std::string& program, std::vector<std::string> args, std::filesystem::path port_file)
        : m_port_file(std::move(port_file)) {
        std::filesystem::remove(m_port_file); // never read a previous server's port
        std::vector<char*> argv;
        argv.push_back(const_cast<char*>(program.c_str()));
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        posix_spawn_file_actions_t fa;
        posix_spawn_file_actions_init(&fa);
        posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
        if (posix_spawnp(&m_pid, program.c_str(), &fa, nullptr, argv.data(), environ) != 0)
            throw std::runtime_error("cannot start " + program);
        posix_spawn_file_actions_destroy(&fa);
        for (int i = 0; i < 200; ++i) { // 10 s
            std::ifstream in(m_port_file);
            if (in >> m_port && m_port > 0) return;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        stop();
        throw std::runtime_error(program + " did not report its port in " + m_port_file.string());
    }
    ~Background() { stop(); }
    Background(const Background&) = delete;
    Background& operator=(const Background&) = delete;

    int port() const { return m_port; }
    std::string url(const std::string& scheme = "http", const std::string& host = "127.0.0.1") const {
        return scheme + "://" + host + ":" + std::to_string(m_port);
    }

  private:
    void stop() {
        if (m_pid <= 0) return;
        kill(m_pid, SIGTERM);
        int st = 0;
        waitpid(m_pid, &st, 0);
        m_pid = -1;
    }
    std::filesystem::path m_port_file;
    pid_t m_pid = -1;
    int m_port = 0;
};

// renapo-sim with `args` (plus --port-file and -q), TLS files under dir/pki.
inline std::unique_ptr<Background> start_sim(const TempDir& dir, std::vector<std::string> args,
                                             const std::string& name = "sim") {
    auto port_file = dir / (name + ".port");
    args.insert(args.end(), {"--port-file", port_file.string(), "-q"});
    return std::make_unique<Background>(bin("compuerta-renapo-sim"), std::move(args), port_file);
}

} // namespace compuerta::test
