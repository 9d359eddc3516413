// The libpq adapter against the throwaway cluster: each test its own database.
#include "core/adapters/pg_connect.hpp"
#include "core/ports/postgres.hpp"
#include "core/secrets.hpp"
#include "tests/support/support.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace compuerta;
using namespace compuerta::core;

namespace {

// A TCP port that accepts connections (kernel backlog) and never answers.
class SilentPort {
  public:
    SilentPort() {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        a.sin_port = 0;
        ::bind(m_fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
        ::listen(m_fd, 16);
        socklen_t len = sizeof a;
        ::getsockname(m_fd, reinterpret_cast<sockaddr*>(&a), &len);
        m_port = ntohs(a.sin_port);
    }
    ~SilentPort() { ::close(m_fd); }
    int port() const { return m_port; }

  private:
    int m_fd = -1;
    int m_port = 0;
};

int closed_port() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t len = sizeof a;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    ::close(fd); // bound then closed: nobody listens there
    return ntohs(a.sin_port);
}

} // namespace

TEST(PostgresAdapter, ProbePassesOnItsOwnDatabase) {
    COMPUERTA_REQUIRE_PG();
    std::string dsn = test::create_test_database("probe_pass");
    auto pg = make_libpq_postgres();
    auto r = pg->probe(dsn, "SELECT 1", Deadline::after(Millis(5000)));
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->first_value, "1");
    EXPECT_EQ(r->server_version.substr(0, 3), "15.");
    EXPECT_EQ(r->database.rfind("probe_pass_", 0), 0u);
}

TEST(PostgresAdapter, WrongPasswordIsAuthAndNeverShowsThePassword) {
    COMPUERTA_REQUIRE_PG();
    test::create_test_database("probe_auth");
    auto e = test::pg_env();
    std::string dsn = "host=" + e["PGHOST"] + " port=" + e["PGPORT"] +
                      " user=postgres password=WrongPassw0rd-42 dbname=postgres sslmode=disable";
    auto pg = make_libpq_postgres();
    auto r = pg->probe(dsn, "SELECT 1", Deadline::after(Millis(5000)));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().phase, PgPhase::auth);
    EXPECT_NE(r.error().message.find("password"), std::string::npos) << r.error().message;
    EXPECT_EQ(r.error().message.find("WrongPassw0rd-42"), std::string::npos);
    EXPECT_EQ(mask("WrongPassw0rd-42"), "***"); // registered while connecting
}

TEST(PostgresAdapter, ClosedPortIsAConnectFailure) {
    auto pg = make_libpq_postgres();
    auto r = pg->probe("host=127.0.0.1 port=" + std::to_string(closed_port()) +
                           " dbname=x user=x sslmode=disable",
                       "SELECT 1", Deadline::after(Millis(5000)));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().phase, PgPhase::connect);
    EXPECT_FALSE(r.error().timed_out);
}

TEST(PostgresAdapter, SilentPortTimesOutWithinTimeoutPlusOneSecond) {
    SilentPort silent;
    auto pg = make_libpq_postgres();
    auto t0 = std::chrono::steady_clock::now();
    auto r = pg->probe("host=127.0.0.1 port=" + std::to_string(silent.port()) + " dbname=x user=x",
                       "SELECT 1", Deadline::after(Millis(700)));
    auto took = std::chrono::steady_clock::now() - t0;
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(r.error().timed_out);
    EXPECT_NE(r.error().message.find("timed out"), std::string::npos) << r.error().message;
    EXPECT_LT(took, std::chrono::milliseconds(1700)); // below libpq's own 2 s minimum
}

TEST(PostgresAdapter, DnsFailureIsNamed) {
    auto pg = make_libpq_postgres();
    auto r = pg->probe("host=no-such-host.invalid dbname=x user=x", "SELECT 1",
                       Deadline::after(Millis(5000)));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().phase, PgPhase::dns);
}

TEST(PostgresAdapter, InvalidDsnIsAConfigFailure) {
    auto pg = make_libpq_postgres();
    auto r = pg->probe("host=x port", "SELECT 1", Deadline::after(Millis(1000)));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().phase, PgPhase::config);
}

TEST(PostgresAdapter, SlowQueryIsCancelledAtTheDeadline) {
    COMPUERTA_REQUIRE_PG();
    std::string dsn = test::create_test_database("probe_slow");
    auto pg = make_libpq_postgres();
    auto t0 = std::chrono::steady_clock::now();
    auto r = pg->probe(dsn, "SELECT pg_sleep(20)", Deadline::after(Millis(800)));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().phase, PgPhase::query);
    EXPECT_TRUE(r.error().timed_out);
    EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::milliseconds(1800));
}
