#pragma once
// A TCP server on 127.0.0.1:0 for tests: answers the N-th connection with
// the N-th scripted answer (the last one repeats); an empty answer accepts
// and then stays silent until the server is destroyed.
#include <algorithm>
#include <arpa/inet.h>
#include <atomic>
#include <mutex>
#include <netinet/in.h>
#include <string>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace compuerta::test {

class ScriptedServer {
  public:
    explicit ScriptedServer(std::vector<std::string> answers) : m_answers(std::move(answers)) {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::bind(m_fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
        ::listen(m_fd, 16);
        socklen_t len = sizeof a;
        ::getsockname(m_fd, reinterpret_cast<sockaddr*>(&a), &len);
        m_port = ntohs(a.sin_port);
        m_thread = std::thread([this] { serve(); });
    }
    ~ScriptedServer() {
        ::shutdown(m_fd, SHUT_RDWR);
        ::close(m_fd);
        m_thread.join();
        std::lock_guard lock(m_mutex);
        for (int c : m_silent)
            ::close(c);
    }
    ScriptedServer(const ScriptedServer&) = delete;
    ScriptedServer& operator=(const ScriptedServer&) = delete;
    int port() const { return m_port; }
    int connections() const { return m_count; }
    std::string url(const std::string& path = "/") const {
        return "http://127.0.0.1:" + std::to_string(m_port) + path;
    }

  private:
    void serve() {
        while (true) {
            int c = ::accept(m_fd, nullptr, nullptr);
            if (c < 0)
                return;
            std::size_t i = static_cast<std::size_t>(m_count++);
            const std::string& answer = m_answers[std::min(i, m_answers.size() - 1)];
            if (answer.empty()) {
                std::lock_guard lock(m_mutex);
                m_silent.push_back(c);
                continue;
            }
            std::string req;
            char buf[4096];
            while (req.find("\r\n\r\n") == std::string::npos) {
                ssize_t n = ::recv(c, buf, sizeof buf, 0);
                if (n <= 0)
                    break;
                req.append(buf, static_cast<std::size_t>(n));
            }
            ::send(c, answer.data(), answer.size(), MSG_NOSIGNAL);
            ::close(c);
        }
    }
    std::vector<std::string> m_answers;
    int m_fd = -1;
    int m_port = 0;
    std::atomic<int> m_count{0};
    std::mutex m_mutex;
    std::vector<int> m_silent;
    std::thread m_thread;
};

inline std::string http_answer(int status, const std::string& extra_headers = "",
                               const std::string& body = "ok") {
    return "HTTP/1.1 " + std::to_string(status) +
           " X\r\nContent-Type: text/plain\r\nContent-Length: " + std::to_string(body.size()) +
           "\r\nConnection: close\r\n" + extra_headers + "\r\n" + body;
}

} // namespace compuerta::test
