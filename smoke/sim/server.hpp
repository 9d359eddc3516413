#pragma once
// renapo-sim's HTTP/HTTPS server (Boost.Beast): RENAPO's JSON consult and
// SOAP ConsultaPorCurp over the test persons, /health, and fault injection.
// One thread per connection, blocking I/O: a test tool, not a production server.
#include "smoke/sim/certs.hpp"
#include "smoke/sim/faults.hpp"

#include <memory>
#include <optional>
#include <ostream>
#include <string>

namespace compuerta::smoke::sim {

struct ServerOptions {
    std::string host = "127.0.0.1";
    unsigned short port = 0;                // 0: any free port (see Server::port)
    std::optional<TlsFiles> tls;            // HTTPS when set
    bool require_client_cert = false;       // mTLS: clients must present a cert signed by tls->ca
    Faults faults;                          // applied to every request
    std::string user, password, token;      // required credentials when non-empty
    std::string json_path = "/consulta";
    std::string soap_path = "/ConsultaPorCurp";
    std::ostream* log = nullptr;            // one line per request, or nothing
};

class Server {
  public:
    // Binds and listens; throws std::runtime_error naming the address.
    explicit Server(ServerOptions opts);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    unsigned short port() const;
    // Serves until SIGINT/SIGTERM or stop().
    void run();
    void stop();

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace compuerta::smoke::sim
