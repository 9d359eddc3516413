#include "core/adapters/pg_connect.hpp"

#include "core/messages/catalog.hpp"
#include "core/ports/texts.hpp"
#include "core/secrets.hpp"

#include <arpa/inet.h>
#include <condition_variable>
#include <cstring>
#include <fmt/format.h>
#include <libpq-fe.h>
#include <mutex>
#include <netdb.h>
#include <poll.h>
#include <thread>
#include <vector>

namespace compuerta::core::adapters {

void PgConnDeleter::operator()(pg_conn* c) const noexcept {
    if (c != nullptr)
        PQfinish(c);
}

void ConninfoDeleter::operator()(PQconninfoOption* o) const noexcept {
    if (o != nullptr)
        PQconninfoFree(o);
}

std::string one_line(const char* text) {
    std::string out;
    for (const char* p = text; p != nullptr && *p != '\0'; ++p) {
        char c = *p;
        if (c == '\n' || c == '\t' || c == '\r')
            c = ' ';
        if (c == ' ' && !out.empty() && out.back() == ' ')
            continue;
        out += c;
    }
    while (!out.empty() && out.back() == ' ')
        out.pop_back();
    return out;
}

std::string conninfo_quote(const std::string& value) {
    std::string out = "'";
    for (char c : value) {
        if (c == '\'' || c == '\\')
            out += '\\';
        out += c;
    }
    return out + "'";
}

Result<Conninfo, std::string> parse_conninfo(const std::string& dsn) {
    char* err = nullptr;
    Conninfo opts(PQconninfoParse(dsn.c_str(), &err));
    if (opts)
        return opts;
    std::string reason = one_line(err);
    if (err != nullptr)
        PQfreemem(err);
    return reason;
}

namespace {

using SteadyClock = std::chrono::steady_clock;

std::string secs(Millis d) {
    return fmt::format("{:.1f}s", static_cast<double>(d.count()) / 1000.0);
}

struct Resolution {
    std::mutex m;
    std::condition_variable cv;
    bool done = false;
    int rc = 0;
    std::string address;
};

// getaddrinfo has no timeout: run it on a detached thread and stop waiting at the deadline.
Result<std::string, PgFailure> resolve(const std::string& host, const Deadline& deadline) {
    auto state = std::make_shared<Resolution>();
    std::thread([state, host] {
        addrinfo hints{};
        hints.ai_family = AF_UNSPEC;
        hints.ai_socktype = SOCK_STREAM;
        addrinfo* res = nullptr;
        int rc = getaddrinfo(host.c_str(), nullptr, &hints, &res);
        std::string addr;
        if (rc == 0 && res != nullptr) {
            char buf[INET6_ADDRSTRLEN] = {};
            if (res->ai_family == AF_INET)
                inet_ntop(AF_INET, &reinterpret_cast<sockaddr_in*>(res->ai_addr)->sin_addr, buf,
                          sizeof buf);
            else
                inet_ntop(AF_INET6, &reinterpret_cast<sockaddr_in6*>(res->ai_addr)->sin6_addr, buf,
                          sizeof buf);
            addr = buf;
        }
        if (res != nullptr)
            freeaddrinfo(res);
        std::lock_guard lock(state->m);
        state->rc = rc;
        state->address = addr;
        state->done = true;
        state->cv.notify_all();
    }).detach();
    std::unique_lock lock(state->m);
    if (!state->cv.wait_until(lock, deadline.at(), [&] { return state->done; }))
        return PgFailure{PgPhase::dns, true, msg::tr("pg.dns_slow", {{"host", host}})};
    if (state->rc != 0 || state->address.empty())
        return PgFailure{
            PgPhase::dns, false,
            msg::tr("pg.dns_failed", {{"host", host}, {"error", gai_strerror(state->rc)}})};
    return state->address;
}

bool is_ip_literal(const std::string& h) {
    in6_addr a6{};
    in_addr a4{};
    return inet_pton(AF_INET, h.c_str(), &a4) == 1 || inet_pton(AF_INET6, h.c_str(), &a6) == 1;
}

PgPhase phase_of_status(ConnStatusType st) {
    switch (st) {
    case CONNECTION_STARTED:
        return PgPhase::connect;
    case CONNECTION_SSL_STARTUP:
        return PgPhase::tls;
#ifdef CONNECTION_GSS_STARTUP
    case CONNECTION_GSS_STARTUP:
        return PgPhase::tls;
#endif
    case CONNECTION_MADE:
        return PgPhase::startup;
    case CONNECTION_AWAITING_RESPONSE:
        return PgPhase::startup;
    case CONNECTION_AUTH_OK:
        return PgPhase::auth;
    default:
        return PgPhase::startup;
    }
}

PgPhase phase_of_error(const std::string& msg, PgPhase fallback) {
    auto has = [&](const char* s) { return msg.find(s) != std::string::npos; };
    if (has("password authentication failed") || has("no password supplied") ||
        has("authentication failed") || // literal-ok: libpq's own words, matched
        has("pg_hba.conf"))
        return PgPhase::auth;
    if (has("Connection refused") || has("No route to host") ||
        has("Network is unreachable") || // literal-ok: libpq's own words, matched
        has("could not connect"))        // literal-ok: libpq's own words, matched
        return PgPhase::connect;
    if (has("could not translate host name"))
        return PgPhase::dns; // literal-ok: libpq's own words, matched
    if (has("SSL") || has("certificate"))
        return PgPhase::tls;
    return fallback;
}

std::string advice(PgPhase p) {
    switch (p) {
    case PgPhase::dns:
        return msg::tr("pg.advice.dns");
    case PgPhase::connect:
        return msg::tr("pg.advice.connect");
    case PgPhase::tls:
        return msg::tr("pg.advice.tls");
    case PgPhase::startup:
        return msg::tr("pg.advice.startup");
    case PgPhase::auth:
        return msg::tr("pg.advice.auth");
    case PgPhase::query:
        return msg::tr("pg.advice.query");
    case PgPhase::config:
        return msg::tr("pg.advice.config");
    }
    return {};
}

// Waits until the socket is ready for `write` or reading, or the deadline.
bool wait_socket(int fd, bool write, const Deadline& deadline) {
    pollfd p{fd, static_cast<short>(write ? POLLOUT : POLLIN), 0};
    while (true) {
        auto left = deadline.remaining();
        int ms = static_cast<int>(std::min<long long>(left.count(), 24L * 3600 * 1000));
        int rc = ::poll(&p, 1, ms);
        if (rc > 0)
            return true;
        if (rc == 0)
            return false;
        if (errno != EINTR)
            return true; // let libpq report the error
    }
}

} // namespace

Result<Connected, PgFailure> connect_libpq(const std::string& dsn, const Deadline& deadline) {
    auto start = SteadyClock::now();
    register_dsn_secrets(dsn, "dsn");
    auto opts = parse_conninfo(dsn);
    if (!opts) {
        std::string m = opts.error().empty() ? msg::tr("pg.bad_dsn.unknown") : opts.error();
        return PgFailure{PgPhase::config, false, mask(msg::tr("pg.bad_dsn", {{"error", m}}))};
    }
    std::vector<std::string> keys, values;
    std::string host, hostaddr, port, dbname;
    for (PQconninfoOption* o = opts->get(); o->keyword != nullptr; ++o) {
        if (o->val == nullptr)
            continue;
        keys.emplace_back(o->keyword);
        values.emplace_back(o->val);
        if (std::strcmp(o->keyword, "host") == 0)
            host = o->val;
        if (std::strcmp(o->keyword, "hostaddr") == 0)
            hostaddr = o->val;
        if (std::strcmp(o->keyword, "port") == 0)
            port = o->val;
        if (std::strcmp(o->keyword, "dbname") == 0)
            dbname = o->val;
        if (std::strcmp(o->keyword, "password") == 0)
            SecretRegistry::global().add(o->val, "dsn password");
    }
    if (host.empty()) {
        if (const char* h = std::getenv("PGHOST"))
            host = h;
    }
    if (port.empty())
        port = std::getenv("PGPORT") != nullptr ? std::getenv("PGPORT") : "5432";
    Millis dns{0};
    std::string shown = host.empty() ? msg::tr("pg.local_socket") : host + ":" + port;
    if (hostaddr.empty() && !host.empty() && host[0] != '/' &&
        host.find(',') == std::string::npos && !is_ip_literal(host)) {
        auto t0 = SteadyClock::now();
        auto addr = resolve(host, deadline);
        dns = std::chrono::duration_cast<Millis>(SteadyClock::now() - t0);
        if (!addr)
            return addr.error();
        keys.emplace_back("hostaddr");
        values.push_back(addr.value());
        if (std::find(keys.begin(), keys.end(), "host") == keys.end()) {
            keys.emplace_back("host");
            values.push_back(host);
        }
    }
    std::vector<const char*> k, v;
    for (std::size_t i = 0; i < keys.size(); ++i) {
        k.push_back(keys[i].c_str());
        v.push_back(values[i].c_str());
    }
    k.push_back(nullptr);
    v.push_back(nullptr);
    PgConnPtr conn(PQconnectStartParams(k.data(), v.data(), 0));
    if (!conn)
        return PgFailure{PgPhase::connect, false, msg::tr("pg.no_memory")};
    if (PQstatus(conn.get()) == CONNECTION_BAD) {
        std::string m = one_line(PQerrorMessage(conn.get()));
        PgPhase ph = phase_of_error(m, PgPhase::connect);
        return PgFailure{ph, false,
                         mask(msg::tr("pg.failed", {{"phase", phase_text(ph)},
                                                    {"where", shown},
                                                    {"error", m},
                                                    {"advice", advice(ph)}}))};
    }
    PostgresPollingStatusType st = PGRES_POLLING_WRITING;
    bool answered = false; // the server sent at least one byte
    while (st != PGRES_POLLING_OK) {
        if (st == PGRES_POLLING_FAILED) {
            std::string m = one_line(PQerrorMessage(conn.get()));
            PgPhase ph = phase_of_error(m, phase_of_status(PQstatus(conn.get())));
            return PgFailure{ph, false,
                             mask(msg::tr("pg.failed", {{"phase", phase_text(ph)},
                                                        {"where", shown},
                                                        {"error", m},
                                                        {"advice", advice(ph)}}))};
        }
        bool reading = st == PGRES_POLLING_READING;
        if (!wait_socket(PQsocket(conn.get()), st == PGRES_POLLING_WRITING, deadline)) {
            PgPhase ph = phase_of_status(PQstatus(conn.get()));
            auto spent = std::chrono::duration_cast<Millis>(SteadyClock::now() - start);
            const std::string next = deadline.by_run() ? deadline_advice(deadline) : advice(ph);
            if (!answered && (ph == PgPhase::tls || ph == PgPhase::startup)) {
                // sslmode=prefer sends an SSL request first: a port that
                // accepts and then hangs is silent, not a TLS problem.
                return PgFailure{
                    PgPhase::startup, true,
                    mask(msg::tr("pg.silent_server",
                                 {{"time", secs(spent)},
                                  {"where", shown},
                                  {"advice", deadline.by_run() ? deadline_advice(deadline)
                                                               : msg::tr("pg.silent_advice")}}))};
            }
            return PgFailure{ph, true,
                             mask(msg::tr("pg.timed_out", {{"time", secs(spent)},
                                                           {"phase", phase_text(ph)},
                                                           {"where", shown},
                                                           {"advice", next}}))};
        }
        if (reading)
            answered = true;
        st = PQconnectPoll(conn.get());
    }
    // A server NOTICE ("relation ... already exists, skipping") is not for the
    // person at the terminal: libpq's default prints it raw on stderr.
    PQsetNoticeProcessor(
        conn.get(), [](void*, const char*) {}, nullptr);
    Connected c;
    c.conn = std::move(conn);
    c.dns = dns;
    c.total = std::chrono::duration_cast<Millis>(SteadyClock::now() - start);
    c.host = shown;
    return c;
}

Result<std::string, PgFailure> query_first(pg_conn* conn, const std::string& sql,
                                           const Deadline& deadline) {
    if (PQsendQuery(conn, sql.c_str()) == 0)
        return PgFailure{
            PgPhase::query, false,
            mask(msg::tr("pg.send_failed", {{"error", one_line(PQerrorMessage(conn))}}))};
    while (PQflush(conn) == 1)
        if (!wait_socket(PQsocket(conn), true, deadline))
            break;
    std::string first;
    std::string error;
    while (true) {
        while (PQisBusy(conn) != 0) {
            if (!wait_socket(PQsocket(conn), false, deadline)) {
                // Cancel on a detached thread: PQcancel blocks on its own connection.
                if (PGcancel* c = PQgetCancel(conn)) {
                    std::thread([c] {
                        char buf[256];
                        PQcancel(c, buf, sizeof buf);
                        PQfreeCancel(c);
                    }).detach();
                }
                return PgFailure{PgPhase::query, true, msg::tr("pg.query_slow")};
            }
            if (PQconsumeInput(conn) == 0)
                return PgFailure{PgPhase::query, false,
                                 mask(msg::tr("pg.connection_lost",
                                              {{"error", one_line(PQerrorMessage(conn))}}))};
        }
        PGresult* r = PQgetResult(conn);
        if (r == nullptr)
            break;
        auto status = PQresultStatus(r);
        if (status == PGRES_FATAL_ERROR && error.empty())
            error = one_line(PQresultErrorMessage(r));
        if (status == PGRES_TUPLES_OK && first.empty() && PQntuples(r) > 0 && PQnfields(r) > 0)
            first = PQgetvalue(r, 0, 0);
        PQclear(r);
    }
    if (!error.empty())
        return PgFailure{PgPhase::query, false,
                         mask(msg::tr("pg.query_failed", {{"error", error}}))};
    return first;
}

} // namespace compuerta::core::adapters
