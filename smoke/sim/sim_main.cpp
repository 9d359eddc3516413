// compuerta-renapo-sim: a local RENAPO simulator for developers and tests.
#include "smoke/sim/dataset.hpp"
#include "smoke/sim/server.hpp"

#include <boost/program_options.hpp>
#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <iostream>
#include <unistd.h>

namespace po = boost::program_options;
namespace fs = std::filesystem;
using namespace compuerta::smoke;

namespace {

constexpr const char* k_usage = "Usage: compuerta renapo-sim [OPTIONS]";
constexpr const char* k_description = R"(
A local RENAPO simulator for running `compuerta smoke` on a laptop and in tests.
Serves RENAPO's two shapes over a small dataset of fictional test persons:
  POST /consulta          JSON consult  {"curp": "...", "tipoBusqueda": "curp"}
  POST /ConsultaPorCurp   SOAP ConsultaPorCurp (StatusOper EXITOSO / NO EXITOSO)
  GET  /health            {"estado": "ok"}
Over HTTPS (--tls) it uses its own test CA, generated at start into --tls-dir
(or once with --generate-ca DIR); point tls.ca_file of the check at ca.pem.

Faults (comma-separated), for every request with --fault, or per request in
the X-Renapo-Sim-Fault header or the `fault` query parameter:
  delay=200ms (or a random delay=0-2s)  status=500|503|502|404  reset  hang  malformed  wrong-type
  slow-body=5s  huge=100MB
Certificate faults, by flag: --cert expired | wrong-host; --cert-days N for a
certificate that expires soon; --require-client-cert for mTLS.

Prints "renapo-sim: listening on URL" on standard output when ready (and the
port into --port-file). Stops on SIGINT/SIGTERM.
)";

std::string persons_table() {
    std::string out = "CURP                statusCurp  name\n";
    for (const auto& p : sim::test_persons())
        out += fmt::format("{}  {:<10}  {} {} {}\n", p.curp, p.status_curp, p.nombres, p.primer_apellido,
                           p.segundo_apellido);
    return out;
}

int run(int argc, char** argv) {
    po::options_description opts("Options");
    opts.add_options()
        ("host", po::value<std::string>()->default_value("127.0.0.1"), "address to listen on")
        ("port", po::value<unsigned short>()->default_value(0), "port (0: any free port)")
        ("port-file", po::value<std::string>(), "write the port to this file once listening")
        ("tls", po::bool_switch(), "serve HTTPS with the test CA")
        ("tls-dir", po::value<std::string>(), "where the test CA and certificates live (default: a temp dir)")
        ("cert", po::value<std::string>()->default_value("good"), "server certificate: good, expired, wrong-host")
        ("cert-days", po::value<int>()->default_value(365), "days the good certificate stays valid")
        ("require-client-cert", po::bool_switch(), "mTLS: reject clients without a certificate from the test CA")
        ("generate-ca", po::value<std::string>(), "write the test CA and certificates into DIR and exit")
        ("fault", po::value<std::string>()->default_value(""), "faults for every request (see above)")
        ("user", po::value<std::string>()->default_value(""), "require this user (SOAP usuario, JSON basic auth)")
        ("password", po::value<std::string>()->default_value(""), "... with this password")
        ("token", po::value<std::string>()->default_value(""), "accept this bearer token (JSON)")
        ("persons", "list the test persons and exit")
        ("quiet,q", po::bool_switch(), "no line per request on standard error")
        ("help,h", "show this help")
        ("version", "show compuerta's version");
    po::variables_map vm;
    po::store(po::parse_command_line(argc, argv, opts), vm);
    po::notify(vm);
    if (vm.count("help")) {
        std::cout << k_usage << "\n" << k_description << "\n" << opts << "\n";
        return 0;
    }
    if (vm.count("version")) {
        std::cout << "compuerta-renapo-sim (compuerta) " << COMPUERTA_VERSION << "\n";
        return 0;
    }
    if (vm.count("persons")) {
        std::cout << persons_table();
        return 0;
    }
    sim::CertMode mode = sim::CertMode::good;
    const std::string cert = vm["cert"].as<std::string>();
    if (cert == "expired") mode = sim::CertMode::expired;
    else if (cert == "wrong-host") mode = sim::CertMode::wrong_host;
    else if (cert != "good") throw po::error("--cert must be good, expired or wrong-host");
    int days = vm["cert-days"].as<int>();
    if (days < 1) throw po::error("--cert-days must be at least 1");
    if (vm.count("generate-ca")) {
        auto files = sim::make_test_pki(vm["generate-ca"].as<std::string>(), mode, days);
        std::cout << "renapo-sim: test CA in " << files.ca.string() << "\n";
        return 0;
    }
    sim::ServerOptions so;
    so.host = vm["host"].as<std::string>();
    so.port = vm["port"].as<unsigned short>();
    if (auto bad = so.faults.merge(vm["fault"].as<std::string>())) throw po::error("--fault: " + *bad);
    so.user = vm["user"].as<std::string>();
    so.password = vm["password"].as<std::string>();
    so.token = vm["token"].as<std::string>();
    so.require_client_cert = vm["require-client-cert"].as<bool>();
    if (so.require_client_cert && !vm["tls"].as<bool>()) throw po::error("--require-client-cert needs --tls");
    if (!vm["quiet"].as<bool>()) so.log = &std::cerr;
    fs::path temp_pki; // removed at exit; a --tls-dir is kept
    if (vm["tls"].as<bool>()) {
        if (!vm.count("tls-dir")) temp_pki = fs::temp_directory_path() / fmt::format("renapo-sim-{}", getpid());
        fs::path dir = vm.count("tls-dir") ? fs::path(vm["tls-dir"].as<std::string>()) : temp_pki;
        so.tls = sim::make_test_pki(dir, mode, days);
    }
    sim::Server server(so);
    std::string url = fmt::format("{}://{}:{}", so.tls ? "https" : "http", so.host, server.port());
    if (vm.count("port-file")) {
        std::string path = vm["port-file"].as<std::string>(), tmp = path + ".tmp";
        std::ofstream(tmp) << server.port() << "\n";
        fs::rename(tmp, path);
    }
    std::cout << "renapo-sim: listening on " << url << " (JSON: POST " << url << so.json_path << ", SOAP: POST "
              << url << so.soap_path << ")";
    if (so.tls) std::cout << "; CA: " << so.tls->ca.string();
    std::cout << std::endl;
    server.run();
    std::error_code ec;
    if (!temp_pki.empty()) fs::remove_all(temp_pki, ec);
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    int code = 0;
    try {
        code = run(argc, argv);
    } catch (const po::error& e) {
        std::cerr << "compuerta-renapo-sim: error: " << e.what() << " (see compuerta-renapo-sim --help)\n";
        code = 2;
    } catch (const std::exception& e) {
        std::cerr << "compuerta-renapo-sim: error: " << e.what() << "\n";
        code = 1;
    }
    std::cout.flush();
    std::cerr.flush();
    // Connection threads may still be parked in a hang fault: leave without unwinding them.
    std::_Exit(code);
}
