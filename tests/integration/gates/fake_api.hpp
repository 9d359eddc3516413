#pragma once
// Starts tests/fixtures/gates/fake_api.py on 127.0.0.1 port 0 and reads the
// port it reports; stops it at scope exit.
#include <csignal>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

namespace compuerta::test {

class FakeApi {
  public:
    FakeApi() {
        int fds[2];
        if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
        m_pid = fork();
        if (m_pid < 0) throw std::runtime_error("fork failed");
        if (m_pid == 0) {
            dup2(fds[1], STDOUT_FILENO);
            close(fds[0]);
            close(fds[1]);
            std::string script = std::string(COMPUERTA_SOURCE_DIR) + "/tests/fixtures/gates/fake_api.py";
            execlp("python3", "python3", script.c_str(), static_cast<char*>(nullptr));
            _exit(127);
        }
        close(fds[1]);
        FILE* f = fdopen(fds[0], "r");
        char line[64] = {};
        if (f == nullptr || std::fgets(line, sizeof line, f) == nullptr || std::sscanf(line, "PORT %d", &m_port) != 1) {
            if (f) std::fclose(f);
            stop();
            throw std::runtime_error("fake_api.py did not report its port");
        }
        std::fclose(f);
    }
    ~FakeApi() { stop(); }
    FakeApi(const FakeApi&) = delete;
    FakeApi& operator=(const FakeApi&) = delete;

    int port() const { return m_port; }
    // "http://127.0.0.1:PORT/MODE/api/v4"
    std::string gitlab(const std::string& mode) const {
        return "http://127.0.0.1:" + std::to_string(m_port) + "/" + mode + "/api/v4";
    }
    std::string jira(const std::string& mode) const { return "http://127.0.0.1:" + std::to_string(m_port) + "/" + mode; }

  private:
    void stop() {
        if (m_pid > 0) {
            kill(m_pid, SIGTERM);
            int st = 0;
            waitpid(m_pid, &st, 0);
            m_pid = -1;
        }
    }
    pid_t m_pid = -1;
    int m_port = 0;
};

} // namespace compuerta::test
