// `compuerta smoke` against a loopback server whose answer carries a token
// in a URL, a CURP, an RFC and an e-mail address: none reaches the
// terminal, JUnit, JSON or the journal (issue 15 items 1, 2, 3, 5).
#include "tests/support/support.hpp"

#include <arpa/inet.h>
#include <atomic>
#include <filesystem>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using namespace compuerta;
namespace fs = std::filesystem;

namespace {

// Answers every request with one fixed HTTP answer; binds 127.0.0.1:0.
class FixedServer {
  public:
    explicit FixedServer(std::string answer) : m_answer(std::move(answer)) {
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
    ~FixedServer() {
        m_stop = true;
        ::shutdown(m_fd, SHUT_RDWR);
        ::close(m_fd);
        m_thread.join();
    }
    int port() const { return m_port; }

  private:
    void serve() {
        while (!m_stop) {
            int c = ::accept(m_fd, nullptr, nullptr);
            if (c < 0)
                return;
            std::string req;
            char buf[4096];
            while (req.find("\r\n\r\n") == std::string::npos) {
                ssize_t n = ::recv(c, buf, sizeof buf, 0);
                if (n <= 0)
                    break;
                req.append(buf, static_cast<std::size_t>(n));
            }
            ::send(c, m_answer.data(), m_answer.size(), MSG_NOSIGNAL);
            ::close(c);
        }
    }
    std::string m_answer;
    int m_fd = -1;
    int m_port = 0;
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};

std::string http_500(const std::string& body) {
    return "HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/plain\r\nContent-Length: " +
           std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
}

const std::string k_body =
    "fallo al llamar http://renapo.local/cb?access_token=FromBody-Token-555&monkey=banana "
    "para GOMC850101HDFRRR09 (RFC GOMC850101AB1), avisar a ana.lopez@sep.gob.mx";
const std::vector<std::string> k_secret = {"FromBody-Token-555", "Cfg-Token-4444", "Cfg-Key-3333"};
const std::vector<std::string> k_personal = {"GOMC850101HDFRRR09", "GOMC850101AB1", "ana.lopez"};

struct Outputs {
    test::TempDir dir;
    test::Run run;
    std::map<std::string, std::string> texts; // output name -> text

    void smoke(const std::string& yaml, std::vector<std::string> extra = {}) {
        test::write_file(dir / "compuerta.yml", yaml);
        std::vector<std::string> args = {"smoke",     "-v",
                                         "-c",        (dir / "compuerta.yml").string(),
                                         "--journal", (dir / "journal").string(),
                                         "--junit",   (dir / "smoke.xml").string(),
                                         "--json",    (dir / "smoke.json").string()};
        args.insert(args.end(), extra.begin(), extra.end());
        run = test::run("compuerta", args, {{"NO_COLOR", "1"}, {"COMPUERTA_CONFIG", "\x01"}},
                        dir.path());
        texts["terminal"] = run.out + run.err;
        texts["junit"] = fs::exists(dir / "smoke.xml") ? test::read_file(dir / "smoke.xml") : "";
        texts["json"] = fs::exists(dir / "smoke.json") ? test::read_file(dir / "smoke.json") : "";
        std::string journal;
        if (fs::exists(dir / "journal"))
            for (auto& e : fs::directory_iterator(dir / "journal"))
                journal += test::read_file(e.path());
        texts["journal"] = journal;
    }
};

std::string yaml_for(int port, const std::string& extra = "") {
    return extra +
           "smoke:\n  checks:\n    - kind: http\n      id: api\n      item: \"6.2\"\n"
           "      url: \"http://127.0.0.1:" +
           std::to_string(port) +
           "/health?monkey=1&access_token=Cfg-Token-4444&Key=Cfg-Key-3333\"\n";
}

} // namespace

TEST(HardeningE2E, QuerySecretsAndPersonalDataReachNoOutput) {
    FixedServer server(http_500(k_body));
    Outputs o;
    o.smoke(yaml_for(server.port()));
    EXPECT_EQ(o.run.code, 1) << o.run.out << o.run.err;
    for (const auto& [name, text] : o.texts) {
        ASSERT_FALSE(text.empty()) << name << " is empty";
        for (const auto& s : k_secret)
            EXPECT_EQ(text.find(s), std::string::npos) << name << " leaks " << s << ":\n" << text;
        for (const auto& s : k_personal)
            EXPECT_EQ(text.find(s), std::string::npos) << name << " leaks " << s << ":\n" << text;
    }
    // The answer's excerpt still reaches each report, masked, not dropped;
    // names that merely contain a listed one stay readable.
    for (std::string name : {"terminal", "junit", "json", "journal"}) {
        EXPECT_NE(o.texts[name].find("access_token=***"), std::string::npos) << name << ":\n"
                                                                             << o.texts[name];
        EXPECT_NE(o.texts[name].find("[CURP]"), std::string::npos) << name << ":\n"
                                                                   << o.texts[name];
        EXPECT_NE(o.texts[name].find("monkey=banana"), std::string::npos) << name << ":\n"
                                                                          << o.texts[name];
    }
}

TEST(HardeningE2E, PersonalDataMaskingCanBeTurnedOffButSecretsStayMasked) {
    FixedServer server(http_500(k_body));
    Outputs o;
    o.smoke(yaml_for(server.port(), "privacy:\n  mask_personal_data: false\n"));
    EXPECT_EQ(o.run.code, 1) << o.run.out << o.run.err;
    EXPECT_NE(o.texts["junit"].find("GOMC850101HDFRRR09"), std::string::npos) << o.texts["junit"];
    for (const auto& [name, text] : o.texts)
        for (const auto& s : k_secret)
            EXPECT_EQ(text.find(s), std::string::npos) << name << " leaks " << s;
}

TEST(HardeningE2E, ReportsToDevNullAndThroughASymlinkKeepBoth) {
    FixedServer server(http_500("no"));
    test::TempDir d;
    fs::create_directory(d / "real");
    fs::create_symlink("real/smoke.json", d / "smoke.json");
    test::write_file(d / "compuerta.yml", yaml_for(server.port()));
    auto r = test::run("compuerta",
                       {"smoke", "-c", (d / "compuerta.yml").string(), "--journal",
                        (d / "journal").string(), "--junit", "/dev/null", "--json",
                        (d / "smoke.json").string()},
                       {{"NO_COLOR", "1"}}, d.path());
    EXPECT_EQ(r.code, 1) << r.out << r.err;
    struct stat st {};
    ASSERT_EQ(::stat("/dev/null", &st), 0);
    EXPECT_TRUE(S_ISCHR(st.st_mode)) << "/dev/null was replaced by a regular file";
    EXPECT_TRUE(fs::is_symlink(d / "smoke.json"));
    EXPECT_NE(test::read_file(d / "real" / "smoke.json").find("\"exit_code\""), std::string::npos);
}

TEST(HardeningE2E, JsonThroughAFifoIsStreamedToTheReader) {
    FixedServer server(http_500("no"));
    test::TempDir d;
    ASSERT_EQ(::mkfifo((d / "pipe").c_str(), 0600), 0);
    test::write_file(d / "compuerta.yml", yaml_for(server.port()));
    std::string got;
    std::thread reader([&] { got = test::read_file(d / "pipe"); });
    auto r = test::run("compuerta",
                       {"smoke", "-c", (d / "compuerta.yml").string(), "--journal",
                        (d / "journal").string(), "--json", (d / "pipe").string()},
                       {{"NO_COLOR", "1"}}, d.path());
    reader.join();
    EXPECT_EQ(r.code, 1) << r.out << r.err;
    EXPECT_TRUE(fs::is_fifo(d / "pipe"));
    EXPECT_NE(got.find("\"exit_code\""), std::string::npos) << got;
}

TEST(HardeningE2E, ZeroAndNegativeDurationsAreUsageErrors) {
    test::TempDir d;
    test::write_file(d / "compuerta.yml", "smoke:\n  checks: []\n");
    std::vector<std::vector<std::string>> cases = {
        {"smoke", "--timeout", "0s"},
        {"smoke", "--timeout", "-5s"},
        {"smoke", "--deadline", "0"},
        {"smoke", "--until-pass", "--interval", "0ms"},
        {"smoke", "--until-pass", "--until-timeout", "-1m"},
        {"notify", "window", "--timeout", "0s"},
        {"deploy", "--health-timeout", "0s"},
        {"db", "migrate", "--lock-wait", "0s"},
    };
    for (auto args : cases) {
        args.insert(args.end(),
                    {"-c", (d / "compuerta.yml").string(), "--journal", (d / "journal").string()});
        auto r = test::run("compuerta", args, {{"NO_COLOR", "1"}}, d.path());
        std::string all;
        for (auto& a : args)
            all += a + " ";
        EXPECT_EQ(r.code, 2) << all << "\n" << r.out << r.err;
        EXPECT_NE(r.err.find("greater than zero"), std::string::npos) << all << "\n" << r.err;
    }
    test::write_file(d / "zero.yml", "smoke:\n  timeout: 0s\n  checks: []\n");
    auto r =
        test::run("compuerta",
                  {"smoke", "-c", (d / "zero.yml").string(), "--journal", (d / "journal").string()},
                  {{"NO_COLOR", "1"}}, d.path());
    EXPECT_EQ(r.code, 2) << r.out << r.err;
    EXPECT_NE(r.err.find("zero.yml:2:"), std::string::npos) << r.err;
}
