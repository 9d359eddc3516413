#pragma once
// The demo SEP-MUSES setup for the transaction tests: a database of the
// test's own with the example schema and seed, the RENAPO stand-in, the demo
// application, and a dump of the business tables.
#include "tests/support/support.hpp"

#include <boost/process.hpp>
#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

namespace compuerta::test::demo {

namespace bp = boost::process;
namespace fs = std::filesystem;

inline const fs::path k_source = COMPUERTA_SOURCE_DIR;
inline const char* k_test_curp = "XEXX010101HNEXXXA4";
// The HTTP scenario's pool (one fresh test person per run); the application
// may delete all of them.
inline const std::vector<std::string> k_test_curps = {"XEXX010101HNEXXXA4", "XEXX010101HNEXXXB2",
                                                      "XEXX010101HNEXXXC0", "XEXX010101HNEXXXD8"};
inline const char* k_business_tables[] = {"escuelas", "ciclos_escolares", "alumnos", "inscripciones", "bajas"};

// A process that is killed at scope exit.
class Background {
  public:
    Background(const std::string& exe, const std::vector<std::string>& args, const fs::path& out)
        : m_child(exe, bp::args(args), bp::std_out > out.string(), bp::std_err > out.string() + ".err",
                  bp::std_in < bp::null) {}
    ~Background() {
        std::error_code ec;
        if (m_child.running(ec)) m_child.terminate(ec);
    }
    Background(const Background&) = delete;
    Background& operator=(const Background&) = delete;
    bool running() {
        std::error_code ec;
        return m_child.running(ec);
    }

  private:
    bp::child m_child;
};

// Waits (at most 15 s) for a file written by a starting server; its content.
inline std::string wait_for_file(const fs::path& p) {
    for (int i = 0; i < 150; ++i) {
        if (fs::exists(p) && fs::file_size(p) > 0) return read_file(p);
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    throw std::runtime_error("server did not start: " + p.string());
}

struct Database {
    std::string name;
    std::string dsn;
};

// A fresh database with the example schema and seed.
inline Database demo_database(const std::string& base) {
    Database d;
    d.dsn = create_test_database(base);
    d.name = d.dsn.substr(d.dsn.find("dbname=") + 7);
    d.name = d.name.substr(0, d.name.find(' '));
    psql(d.name, read_file(k_source / "examples/sep-muses/db/migrations/V1__esquema_inicial.sql"));
    psql(d.name, read_file(k_source / "examples/sep-muses/db/seed.sql"));
    return d;
}

// Every row of every business table, in id order.
inline std::string dump(const std::string& db) {
    std::string out;
    for (const char* t : k_business_tables)
        out += std::string("== ") + t + "\n" + psql(db, std::string("SELECT * FROM ") + t + " ORDER BY id");
    return out;
}

inline std::string business_row_count(const std::string& db) {
    return psql(db, "SELECT (SELECT count(*) FROM alumnos) || '/' || (SELECT count(*) FROM inscripciones) || '/' || "
                    "(SELECT count(*) FROM bajas)");
}

// The RENAPO stand-in knowing `curps` (items starting with "--" are its
// options: --seen=FILE, --delay-first=SECONDS); returns its URL.
inline std::string start_renapo(const TempDir& tmp, std::optional<Background>& bg, const std::vector<std::string>& curps) {
    std::vector<std::string> args = {(k_source / "tests/e2e/smoke_tx_logs/renapo_stub.py").string(),
                                     (tmp / "renapo.port").string()};
    args.insert(args.end(), curps.begin(), curps.end());
    bg.emplace(bp::search_path("python3").string(), args, tmp / "renapo.out");
    return "http://127.0.0.1:" + wait_for_file(tmp / "renapo.port") + "/renapo/curp";
}

// The demo application; returns its base URL.
inline std::string start_app(const TempDir& tmp, std::optional<Background>& bg, const std::string& dsn,
                             const std::string& renapo_url, const std::string& release = "v1.4.0") {
    std::vector<std::string> args = {
        "--port",    "0",     "--port-file",  (tmp / "app.port").string(),
        "--dsn",     dsn,     "--renapo-url", renapo_url,
        "--release", release, "--log",        (tmp / "app.log").string()};
    for (const auto& c : k_test_curps)
        args.insert(args.end(), {"--test-curp", c});
    bg.emplace(bin("sep-muses-app"), args, tmp / "app.out");
    std::string port = wait_for_file(tmp / "app.port");
    while (!port.empty() && (port.back() == '\n')) port.pop_back();
    return "http://127.0.0.1:" + port;
}

} // namespace compuerta::test::demo
