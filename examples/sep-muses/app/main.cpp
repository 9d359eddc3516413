// sep-muses-app: the demo SEP-MUSES service (Boost.Beast, one thread per
// connection). Flags override the SEP_MUSES_* variables that start.sh sets.
#include "app.hpp"

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <boost/program_options.hpp>
#include <chrono>
#include <cstdio>
#include <curl/curl.h>
#include <ctime>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace po = boost::program_options;
using tcp = asio::ip::tcp;

namespace sep_muses {

Log::Log(const std::string& path) : m_path(path) {}

void Log::write(const char* level, const char* area, const std::string& text) {
    auto now = std::chrono::system_clock::now();
    std::time_t t = std::chrono::system_clock::to_time_t(now);
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    std::tm tm{};
    gmtime_r(&t, &tm);
    char stamp[96];
    std::snprintf(stamp, sizeof stamp, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                  tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
    std::string line = std::string(stamp) + " " + level + " [" + area + "] " + text + "\n";
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m_path.empty()) {
        std::cerr << line;
        return;
    }
    std::ofstream out(m_path, std::ios::app);
    out << line;
}

namespace {

void serve(tcp::socket socket, const Settings& s, Log& log) {
    beast::error_code ec;
    beast::flat_buffer buffer;
    for (;;) {
        http::request_parser<http::string_body> parser;
        parser.body_limit(1 << 20);
        http::read(socket, buffer, parser, ec);
        if (ec) return;
        auto& req = parser.get();
        auto started = std::chrono::steady_clock::now();
        Response r = handle(s, log, std::string(req.method_string()), std::string(req.target()), req.body());
        http::response<http::string_body> res{static_cast<http::status>(r.status), req.version()};
        res.set(http::field::server, "sep-muses/" + s.release);
        if (r.status != 204) {
            res.set(http::field::content_type, "application/json; charset=utf-8");
            res.body() = r.body.dump();
        }
        if (!r.location.empty()) res.set(http::field::location, r.location);
        res.keep_alive(req.keep_alive());
        res.prepare_payload();
        auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
        if (std::string(req.target()) != "/health" || r.status != 200)
            log.write(r.status >= 500 ? "ERROR" : "INFO ", "http",
                      std::string(req.method_string()) + " " + std::string(req.target()) + " -> " +
                          std::to_string(r.status) + " (" + std::to_string(ms.count()) + " ms)");
        http::write(socket, res, ec);
        if (ec || !res.keep_alive()) break;
    }
    socket.shutdown(tcp::socket::shutdown_send, ec);
}

std::string env_or(const char* name, const std::string& fallback) {
    const char* v = std::getenv(name);
    return v != nullptr && *v != 0 ? v : fallback;
}

} // namespace

} // namespace sep_muses

int main(int argc, char** argv) {
    using namespace sep_muses;
    Settings s;
    std::vector<std::string> test_curps;
    po::options_description d("sep-muses-app: demo SEP-MUSES service (inscripción, baja) for compuerta's smoke tests");
    d.add_options()("help,h", "this help")
        ("bind", po::value(&s.bind)->default_value(env_or("SEP_MUSES_BIND", "127.0.0.1")), "address to listen on")
        ("port", po::value(&s.port)->default_value(static_cast<unsigned short>(std::stoi(env_or("SEP_MUSES_PORT", "8080")))), "port (0: any free port)")
        ("port-file", po::value(&s.port_file)->default_value(env_or("SEP_MUSES_PORT_FILE", "")), "write the port here once listening")
        ("dsn", po::value(&s.dsn)->default_value(env_or("SEP_MUSES_DSN", "")), "database (libpq; empty: PG* variables)")
        ("renapo-url", po::value(&s.renapo_url)->default_value(env_or("SEP_MUSES_RENAPO_URL", "http://127.0.0.1:8090/renapo/curp")), "RENAPO JSON consult URL")
        ("release", po::value(&s.release)->default_value(env_or("SEP_MUSES_RELEASE", "dev")), "release tag reported by /health")
        ("log", po::value(&s.log_file)->default_value(env_or("SEP_MUSES_LOG", "")), "log file (default: standard error)")
        ("test-curp", po::value(&test_curps)->composing(), "CURP whose data DELETE /api/pruebas/alumnos/CURP may remove (repeatable)");
    po::variables_map vm;
    try {
        po::store(po::parse_command_line(argc, argv, d), vm);
        po::notify(vm);
    } catch (const std::exception& e) {
        std::cerr << "sep-muses-app: " << e.what() << "\n";
        return 2;
    }
    if (vm.count("help")) {
        std::cout << d << "\n";
        return 0;
    }
    std::istringstream extra(env_or("SEP_MUSES_TEST_CURPS", ""));
    for (std::string c; std::getline(extra, c, ',');)
        if (!c.empty()) test_curps.push_back(c);
    s.test_curps.insert(test_curps.begin(), test_curps.end());
    curl_global_init(CURL_GLOBAL_DEFAULT);
    Log log(s.log_file);
    try {
        asio::io_context io;
        tcp::acceptor acceptor(io, {asio::ip::make_address(s.bind), s.port});
        unsigned short port = acceptor.local_endpoint().port();
        if (!s.port_file.empty()) {
            std::string tmp = s.port_file + ".tmp";
            std::ofstream(tmp) << port << "\n";
            std::rename(tmp.c_str(), s.port_file.c_str());
        }
        log.write("INFO ", "app", "SEP-MUSES " + s.release + " escuchando en " + s.bind + ":" + std::to_string(port));
        std::cout << "listening on " << s.bind << ":" << port << std::endl;
        for (;;) {
            tcp::socket socket(io);
            acceptor.accept(socket);
            std::thread(serve, std::move(socket), std::cref(s), std::ref(log)).detach();
        }
    } catch (const std::exception& e) {
        log.write("FATAL", "app", std::string("no se pudo iniciar: ") + e.what());
        std::cerr << "sep-muses-app: " << e.what() << "\n";
        return 1;
    }
}
