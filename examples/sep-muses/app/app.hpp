#pragma once
// The demo SEP-MUSES application: a small HTTP service over the example
// schema (db/migrations), with inscripción and baja, a health endpoint that
// reports its release, RENAPO validation of the CURP, and a log file.
// An example for compuerta's smoke tests, not part of compuerta.
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>

namespace sep_muses {

struct Settings {
    std::string bind = "127.0.0.1";
    unsigned short port = 8080;
    std::string port_file;       // written with the port once listening
    std::string dsn;             // libpq connection string (empty: PG* variables)
    std::string renapo_url;      // RENAPO's JSON consult, e.g. http://127.0.0.1:8090/api/curp
    std::string release = "dev"; // reported by /health
    std::string log_file;        // empty: standard error
    std::set<std::string> test_curps; // CURPs the test-data endpoint may delete
};

// One line per event: "2026-11-28T17:05:24.123Z INFO  [http] ...".
class Log {
  public:
    explicit Log(const std::string& path);
    void write(const char* level, const char* area, const std::string& text);

  private:
    std::mutex m_mutex;
    std::string m_path;
};

struct Response {
    int status = 200;
    nlohmann::json body = nlohmann::json::object();
    std::string location;
};

// What RENAPO said about a CURP.
struct RenapoAnswer {
    bool reachable = false;
    bool found = false;
    std::string message; // codigo/mensaje, or the transport error
};
RenapoAnswer renapo_lookup(const std::string& url, const std::string& curp);

// Routes one request; never throws.
Response handle(const Settings& s, Log& log, const std::string& method, const std::string& target,
                const std::string& body);

} // namespace sep_muses
