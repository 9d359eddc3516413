// compuerta-renapo-sim: a local RENAPO simulator for developers and tests.
#include "core/cli/language.hpp"
#include "core/cli/usage_text.hpp"
#include "core/errors.hpp"
#include "core/messages/catalog.hpp"
#include "core/ports/env.hpp"
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
namespace core = compuerta::core;

namespace {

std::string persons_table() {
    std::string out = core::msg::tr("sim.persons.header") + "\n";
    for (const auto& p : sim::test_persons())
        out += fmt::format("{}  {:<10}  {} {} {}\n", p.curp, p.status_curp, p.nombres,
                           p.primer_apellido, p.segundo_apellido);
    return out;
}

int run(int argc, char** argv) {
    const std::vector<std::string> args(argv + 1, argv + argc);
    core::msg::set_current(core::cli::choose_language(core::cli::lang_in_args(args),
                                                      core::ProcessEnv(), std::nullopt));
    auto t = [](const char* id) { return core::msg::tr(id); };
    po::options_description opts(t("cli.options.own"));
    opts.add_options()("host", po::value<std::string>()->default_value("127.0.0.1"),
                       t("sim.opt.host").c_str())(
        "port", po::value<unsigned short>()->default_value(0), t("sim.opt.port").c_str())(
        "port-file", po::value<std::string>(), t("sim.opt.port_file").c_str())(
        "tls", po::bool_switch(), t("sim.opt.tls").c_str())("tls-dir", po::value<std::string>(),
                                                            t("sim.opt.tls_dir").c_str())(
        "cert", po::value<std::string>()->default_value("good"), t("sim.opt.cert").c_str())(
        "cert-days", po::value<int>()->default_value(365), t("sim.opt.cert_days").c_str())(
        "require-client-cert", po::bool_switch(), t("sim.opt.require_client_cert").c_str())(
        "generate-ca", po::value<std::string>(), t("sim.opt.generate_ca").c_str())(
        "fault", po::value<std::string>()->default_value(""), t("sim.opt.fault").c_str())(
        "user", po::value<std::string>()->default_value(""), t("sim.opt.user").c_str())(
        "password", po::value<std::string>()->default_value(""), t("sim.opt.password").c_str())(
        "token", po::value<std::string>()->default_value(""),
        t("sim.opt.token").c_str())("persons", t("sim.opt.persons").c_str())(
        "lang", po::value<std::string>(), t("cli.opt.lang").c_str())("quiet,q", po::bool_switch(),
                                                                     t("sim.opt.quiet").c_str())(
        "help,h", t("cli.opt.help").c_str())("version", t("cli.opt.version").c_str());
    po::variables_map vm;
    po::store(po::parse_command_line(argc, argv, opts), vm);
    po::notify(vm);
    if (vm.count("help")) {
        std::cout << t("sim.usage") << "\n\n" << t("sim.description") << "\n\n" << opts << "\n";
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
    if (cert == "expired")
        mode = sim::CertMode::expired;
    else if (cert == "wrong-host")
        mode = sim::CertMode::wrong_host;
    else if (cert != "good")
        throw po::error(t("sim.error.cert"));
    int days = vm["cert-days"].as<int>();
    if (days < 1)
        throw po::error(t("sim.error.cert_days"));
    if (vm.count("generate-ca")) {
        auto files = sim::make_test_pki(vm["generate-ca"].as<std::string>(), mode, days);
        std::cout << core::msg::tr("sim.ca_written", {{"file", files.ca.string()}}) << "\n";
        return 0;
    }
    sim::ServerOptions so;
    so.host = vm["host"].as<std::string>();
    so.port = vm["port"].as<unsigned short>();
    if (auto bad = so.faults.merge(vm["fault"].as<std::string>()))
        throw po::error("--fault: " + *bad); // literal-ok: the option's name
    so.user = vm["user"].as<std::string>();
    so.password = vm["password"].as<std::string>();
    so.token = vm["token"].as<std::string>();
    so.require_client_cert = vm["require-client-cert"].as<bool>();
    if (so.require_client_cert && !vm["tls"].as<bool>())
        throw po::error(t("sim.error.client_cert_needs_tls"));
    if (!vm["quiet"].as<bool>())
        so.log = &std::cerr;
    fs::path temp_pki; // removed at exit; a --tls-dir is kept
    if (vm["tls"].as<bool>()) {
        if (!vm.count("tls-dir"))
            temp_pki = fs::temp_directory_path() / fmt::format("renapo-sim-{}", getpid());
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
    std::cout << core::msg::tr(
        "sim.listening",
        {{"url", url}, {"json", url + so.json_path}, {"soap", url + so.soap_path}});
    if (so.tls)
        std::cout << core::msg::tr("sim.listening.ca", {{"file", so.tls->ca.string()}});
    std::cout << std::endl;
    server.run();
    std::error_code ec;
    if (!temp_pki.empty())
        fs::remove_all(temp_pki, ec);
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    int code = 0;
    try {
        code = run(argc, argv);
    } catch (const po::error& e) {
        std::cerr << core::msg::tr("cli.error.see_help", {{"program", "compuerta-renapo-sim"},
                                                          {"message", core::cli::usage_text(e)}})
                  << "\n";
        code = 2;
    } catch (const core::ExitError& e) { // a bad --lang or COMPUERTA_LANG
        std::cerr << core::msg::tr("cli.error",
                                   {{"program", "compuerta-renapo-sim"}, {"message", e.what()}})
                  << "\n";
        code = e.code();
    } catch (const std::exception& e) {
        std::cerr << core::msg::tr("cli.error",
                                   {{"program", "compuerta-renapo-sim"}, {"message", e.what()}})
                  << "\n";
        code = 1;
    }
    std::cout.flush();
    std::cerr.flush();
    // Connection threads may still be parked in a hang fault: leave without unwinding them.
    std::_Exit(code);
}
