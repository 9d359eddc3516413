#pragma once
// Test helper: a server process started by the test (nginx, the webhook
// receiver, the SMTP server) and stopped when the test ends.
#include "tests/support/support.hpp"

#include <arpa/inet.h>
#include <boost/process.hpp>
#include <chrono>
#include <filesystem>
#include <memory>
#include <netinet/in.h>
#include <string>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace compuerta::test {

class Background {
  public:
    Background(const std::string& program, const std::vector<std::string>& args, const std::filesystem::path& log) {
        namespace bp = boost::process;
        m_child = bp::child(bp::search_path(program).string().empty() ? program : bp::search_path(program).string(),
                            bp::args(args), bp::std_out > log.string(), bp::std_err > log.string() + ".err",
                            bp::std_in < bp::null);
    }
    ~Background() {
        if (m_child.running()) {
            ::kill(m_child.id(), SIGTERM);
            for (int i = 0; i < 50 && m_child.running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
            if (m_child.running()) m_child.terminate();
        }
        std::error_code ec;
        m_child.wait(ec);
    }
    Background(const Background&) = delete;
    Background& operator=(const Background&) = delete;
    bool running() { return m_child.running(); }

  private:
    boost::process::child m_child;
};

// The port a server wrote to `file` once listening; -1 after `seconds`.
inline int wait_for_port_file(const std::filesystem::path& file, int seconds = 15) {
    for (int i = 0; i < seconds * 20; ++i) {
        if (std::filesystem::exists(file)) return std::stoi(read_file(file));
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return -1;
}

// A TCP port on 127.0.0.1 that was free a moment ago (for servers that
// cannot report the port they bound, like nginx).
inline int free_port() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t len = sizeof a;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    ::close(fd);
    return ntohs(a.sin_port);
}

// True once 127.0.0.1:port accepts a connection (within `seconds`).
inline bool wait_for_port(int port, int seconds = 15) {
    for (int i = 0; i < seconds * 20; ++i) {
        int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_port = htons(static_cast<uint16_t>(port));
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
        ::close(fd);
        if (ok) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
}

// A raw HTTP/1.0 GET sent from `source_ip` (another loopback address) to
// 127.0.0.1:port; the whole answer.
inline std::string get_from(const std::string& source_ip, int port, const std::string& path) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in src{};
    src.sin_family = AF_INET;
    ::inet_pton(AF_INET, source_ip.c_str(), &src.sin_addr);
    if (::bind(fd, reinterpret_cast<sockaddr*>(&src), sizeof src) != 0) {
        ::close(fd);
        return "bind failed";
    }
    sockaddr_in dst{};
    dst.sin_family = AF_INET;
    dst.sin_port = htons(static_cast<uint16_t>(port));
    dst.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&dst), sizeof dst) != 0) {
        ::close(fd);
        return "connect failed";
    }
    std::string req = "GET " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";
    ::send(fd, req.data(), req.size(), 0);
    std::string out;
    char buf[4096];
    for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, 0)) > 0;) out.append(buf, static_cast<std::size_t>(n));
    ::close(fd);
    return out;
}

// The webhook receiver fixture (tests/fixtures/window/webhook_receiver.py).
struct WebhookReceiver {
    TempDir dir;
    std::unique_ptr<Background> proc;
    int port = -1;
    WebhookReceiver() {
        proc = std::make_unique<Background>(
            "python3",
            std::vector<std::string>{std::string(COMPUERTA_SOURCE_DIR) + "/tests/fixtures/window/webhook_receiver.py",
                                     (dir / "port").string(), (dir / "log.jsonl").string()},
            dir / "out.log");
        port = wait_for_port_file(dir / "port");
    }
};

} // namespace compuerta::test
