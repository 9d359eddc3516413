#include "smoke/sim/server.hpp"

#include "core/messages/catalog.hpp"
#include "core/secrets.hpp"
#include "smoke/renapo/curp.hpp"
#include "smoke/sim/dataset.hpp"

#include <atomic>
// Boost.Asio's scheduler trips g++ 12's -Wnull-dereference once inlined at -O1
// and above (the ci preset); the warning is in Boost, not here.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#pragma GCC diagnostic pop
#include <fmt/format.h>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

namespace compuerta::smoke::sim {

namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = net::ip::tcp;

namespace {

using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

// The `fault` query parameter of a target, percent-decoded.
std::string query_fault(std::string_view target) {
    auto q = target.find('?');
    if (q == std::string_view::npos)
        return {};
    std::string_view rest = target.substr(q + 1);
    while (!rest.empty()) {
        auto amp = rest.find('&');
        std::string_view kv = rest.substr(0, amp);
        if (kv.rfind("fault=", 0) == 0)
            return core::percent_decode(kv.substr(6));
        if (amp == std::string_view::npos)
            break;
        rest = rest.substr(amp + 1);
    }
    return {};
}

Response make(const Request& req, http::status st, std::string content_type, std::string body) {
    Response res{st, req.version()};
    res.set(http::field::server, "compuerta-renapo-sim");
    res.set(http::field::content_type, content_type);
    res.keep_alive(req.keep_alive());
    res.body() = std::move(body);
    res.prepare_payload();
    return res;
}

std::string json_error(const std::string& code, const std::string& message) {
    return nlohmann::json{
        {"codigo", code}, {"mensaje", message}, {"registros", nlohmann::json::array()}}
        .dump();
}

std::string soap_error(const std::string& code, const std::string& message) {
    return fmt::format(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<soap:Envelope "
        "xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/"
        "\"><soap:Body><ns2:consultarPorCurpResponse "
        "xmlns:ns2=\"http://services.wserv.ecurp.dgti.segob.gob.mx\"><return><StatusOper>NO "
        "EXITOSO</StatusOper><TipoError>{}</TipoError><CodigoError>{}</CodigoError></return>"
        "</ns2:consultarPorCurpResponse></soap:Body></soap:Envelope>\n",
        message, code);
}

} // namespace

struct Server::Impl {
    ServerOptions opts;
    net::io_context ioc;
    tcp::acceptor acceptor{ioc};
    std::unique_ptr<ssl::context> tls;
    net::signal_set signals{ioc, SIGINT, SIGTERM};
    std::atomic<bool> stopping{false};
    std::mutex log_mutex;

    void log(const std::string& line) {
        if (opts.log == nullptr)
            return;
        std::lock_guard lock(log_mutex);
        *opts.log << "renapo-sim: " << line << std::endl;
    }

    bool authorised(const Request& req, bool soap, const renapo::Query* q) const {
        if (opts.user.empty() && opts.token.empty())
            return true;
        if (soap)
            return q != nullptr && q->creds.user == opts.user && q->creds.password == opts.password;
        std::string auth(req[http::field::authorization]);
        if (!opts.token.empty() && auth == "Bearer " + opts.token)
            return true;
        return !opts.user.empty() &&
               auth == "Basic " + renapo::base64(opts.user + ":" + opts.password);
    }

    // The RENAPO answer for a request on one of the two service paths.
    Response answer(const Request& req, bool soap, const Faults& f, std::string& note) {
        renapo::Shape shape = soap ? renapo::Shape::soap : renapo::Shape::json;
        std::string ctype = soap ? "text/xml; charset=utf-8" : "application/json; charset=utf-8";
        if (req.method() != http::verb::post)
            return make(req, http::status::method_not_allowed, ctype,
                        soap ? soap_error("405", "Use POST") : json_error("405", "Use POST"));
        auto q = renapo::parse_request(shape, req.body());
        if (!authorised(req, soap, q ? &q.value() : nullptr)) {
            note = core::msg::tr("sim.log.unauthorised");
            if (soap)
                return make(
                    req, http::status::ok, ctype,
                    soap_error(
                        "401",
                        "Usuario o contraseña incorrectos")); // literal-ok: RENAPO's answer (data)
            return make(req, http::status::unauthorized, ctype,
                        json_error("401", "Credenciales inválidas"));
        }
        if (!q) {
            note = q.error().message;
            return make(req, http::status::bad_request, ctype,
                        soap ? soap_error("400", q.error().message)
                             : json_error("400", q.error().message));
        }
        const std::string& curp = q->curp;
        note = curp;
        std::string body;
        if (!renapo::curp_valid(curp))
            body =
                soap ? soap_error("03", "CURP con formato inválido")
                     : json_error(
                           "03", "CURP con formato inválido"); // literal-ok: RENAPO's answer (data)
        else
            body = renapo::render_answer(shape, curp, find_person(curp));
        if (f.malformed)
            body = body.substr(0, body.size() / 2) + (soap ? "<<</" : "{,,");
        if (f.wrong_type)
            return make(req, http::status::ok, "text/html",
                        "<html><body>Portal RENAPO</body></html>\n");
        return make(req, http::status::ok, ctype, body);
    }

    Response route(const Request& req, const Faults& f, std::string& note) {
        std::string_view target(req.target().data(), req.target().size());
        // Absolute-form targets ("http://host/path") arrive when a client uses us as its proxy.
        if (target.rfind("http://", 0) == 0) {
            auto slash = target.find('/', 7);
            target = slash == std::string_view::npos ? std::string_view("/") : target.substr(slash);
            note = core::msg::tr("sim.log.via_proxy");
        }
        std::string path(target.substr(0, target.find('?')));
        if (f.status != 0) {
            note = core::msg::tr("sim.log.injected_status", {{"status", f.status}});
            if (f.status == 503)
                return make(req, http::status::service_unavailable, "text/html",
                            "<html><body><h1>503 Service Unavailable</h1></body></html>\n");
            bool soap = path == opts.soap_path;
            return make(
                req, static_cast<http::status>(f.status),
                soap ? "text/xml; charset=utf-8" : "application/json; charset=utf-8",
                soap
                    ? soap_error("500",
                                 "Error interno del servicio") // literal-ok: RENAPO's answer (data)
                    : json_error(
                          "500",
                          "Error interno del servicio")); // literal-ok: RENAPO's answer (data)
        }
        if (path == "/redirect") {
            Response res = make(req, http::status::found, "text/plain", "moved\n");
            res.set(http::field::location, "/health");
            return res;
        }
        if (path == "/health")
            return make(req, http::status::ok, "application/json",
                        R"({"estado":"ok","servicio":"renapo-sim"})");
        if (path == opts.json_path)
            return answer(req, false, f, note);
        if (path == opts.soap_path)
            return answer(req, true, f, note);
        return make(req, http::status::not_found, "application/json",
                    json_error("404", fmt::format("No existe {}; use {} (JSON) o {} (SOAP)", path,
                                                  opts.json_path, opts.soap_path)));
    }

    // Sends `res` with its body trickled over `over`.
    template <class Stream>
    void write_slowly(Stream& s, Response& res, core::Millis over, beast::error_code& ec) {
        http::response_serializer<http::string_body> sr{res};
        http::write_header(s, sr, ec);
        const std::string& body = res.body();
        const std::size_t parts = std::max<std::size_t>(1, std::min<std::size_t>(body.size(), 20));
        for (std::size_t i = 0; i < parts && !ec && !stopping; ++i) {
            std::this_thread::sleep_for(over / parts);
            std::size_t from = body.size() * i / parts, to = body.size() * (i + 1) / parts;
            net::write(s, net::buffer(body.data() + from, to - from), ec);
        }
    }

    // Streams `bytes` of JSON-looking filler: never held in memory.
    template <class Stream>
    void write_huge(Stream& s, const Request& req, std::uint64_t bytes, beast::error_code& ec) {
        http::response<http::empty_body> res{http::status::ok, req.version()};
        res.set(http::field::content_type, "application/json");
        res.content_length(bytes);
        http::response_serializer<http::empty_body> sr{res};
        http::write_header(s, sr, ec);
        std::string chunk(64 * 1024, ' ');
        for (std::uint64_t sent = 0; sent < bytes && !ec && !stopping;) {
            std::size_t n =
                static_cast<std::size_t>(std::min<std::uint64_t>(chunk.size(), bytes - sent));
            net::write(s, net::buffer(chunk.data(), n), ec);
            sent += n;
        }
    }

    template <class Stream> void session(Stream& s, tcp::socket& raw) {
        beast::flat_buffer buf;
        while (!stopping) {
            beast::error_code ec;
            http::request_parser<http::string_body> parser;
            parser.body_limit(1024 * 1024);
            http::read(s, buf, parser, ec);
            if (ec)
                return;
            Request req = parser.release();
            Faults f = opts.faults;
            std::string extra(req["X-Renapo-Sim-Fault"]);
            std::string q = query_fault(std::string_view(req.target().data(), req.target().size()));
            std::optional<std::string> bad = f.merge(extra);
            if (!bad)
                bad = f.merge(q);
            if (bad) {
                http::write(s, make(req, http::status::bad_request, "text/plain", *bad + "\n"), ec);
                return;
            }
            if (auto wait = f.pick_delay(); wait.count() > 0)
                std::this_thread::sleep_for(wait);
            std::string what =
                fmt::format("{} {}", std::string(req.method_string()), std::string(req.target()));
            if (f.hang) {
                log(core::msg::tr("sim.log.hanging", {{"request", what}}));
                // Until the client gives up or the server stops; readable means data or EOF.
                while (!stopping) {
                    raw.wait(tcp::socket::wait_read, ec);
                    if (ec)
                        return;
                    char sink[4096];
                    raw.read_some(net::buffer(sink), ec);
                    if (ec)
                        return;
                }
                return;
            }
            if (f.reset) {
                log(core::msg::tr("sim.log.reset", {{"request", what}}));
                raw.set_option(net::socket_base::linger(true, 0), ec);
                raw.close(ec);
                return;
            }
            if (f.huge > 0) {
                log(core::msg::tr("sim.log.huge", {{"request", what}, {"bytes", f.huge}}));
                write_huge(s, req, f.huge, ec);
                return;
            }
            std::string note;
            Response res = route(req, f, note);
            log(fmt::format("{} -> {}{}", what, res.result_int(),
                            note.empty() ? "" : " (" + note + ")"));
            if (f.slow_body)
                write_slowly(s, res, *f.slow_body, ec);
            else
                http::write(s, res, ec);
            if (ec || !res.keep_alive())
                return;
        }
    }

    void serve(tcp::socket sock) {
        beast::error_code ec;
        if (!tls) {
            session(sock, sock);
            sock.shutdown(tcp::socket::shutdown_send, ec);
            return;
        }
        beast::ssl_stream<tcp::socket&> stream(sock, *tls);
        stream.handshake(ssl::stream_base::server, ec);
        if (ec) {
            log(core::msg::tr("sim.log.tls_failed", {{"error", ec.message()}}));
            return;
        }
        session(stream, sock);
        stream.shutdown(ec);
    }

    void accept() {
        acceptor.async_accept([this](beast::error_code ec, tcp::socket sock) {
            if (ec)
                return; // closed by stop()
            std::thread([this, s = std::move(sock)]() mutable { serve(std::move(s)); }).detach();
            accept();
        });
    }
};

Server::Server(ServerOptions opts) : m_impl(std::make_unique<Impl>()) {
    Impl& i = *m_impl;
    i.opts = std::move(opts);
    tcp::endpoint ep(net::ip::make_address(i.opts.host), i.opts.port);
    beast::error_code ec;
    i.acceptor.open(ep.protocol(), ec);
    if (!ec)
        i.acceptor.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec)
        i.acceptor.bind(ep, ec);
    if (!ec)
        i.acceptor.listen(net::socket_base::max_listen_connections, ec);
    if (ec)
        throw std::runtime_error(
            core::msg::tr("sim.error.listen",
                          {{"host", i.opts.host}, {"port", i.opts.port}, {"error", ec.message()}}));
    if (i.opts.tls) {
        i.tls = std::make_unique<ssl::context>(ssl::context::tls_server);
        i.tls->use_certificate_chain_file(i.opts.tls->server_cert.string());
        i.tls->use_private_key_file(i.opts.tls->server_key.string(), ssl::context::pem);
        if (i.opts.require_client_cert) {
            i.tls->load_verify_file(i.opts.tls->ca.string());
            i.tls->set_verify_mode(ssl::verify_peer | ssl::verify_fail_if_no_peer_cert);
        }
    }
}

Server::~Server() = default;

unsigned short Server::port() const {
    return m_impl->acceptor.local_endpoint().port();
}

void Server::run() {
    Impl& i = *m_impl;
    i.signals.async_wait([this](beast::error_code, int) { stop(); });
    i.accept();
    i.ioc.run();
}

void Server::stop() {
    Impl& i = *m_impl;
    i.stopping = true;
    net::post(i.ioc, [&i] {
        beast::error_code ec;
        i.acceptor.close(ec);
        i.signals.cancel(ec);
        i.ioc.stop();
    });
}

} // namespace compuerta::smoke::sim
