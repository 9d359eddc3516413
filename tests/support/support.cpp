#include "tests/support/support.hpp"

#include <boost/process.hpp>
#include <chrono>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <unistd.h>

namespace compuerta::test {

namespace fs = std::filesystem;
namespace bp = boost::process;

TempDir::TempDir() {
    std::random_device rd;
    for (int i = 0; i < 100; ++i) {
        fs::path p = fs::temp_directory_path() / ("compuerta-test-" + std::to_string(getpid()) + "-" + std::to_string(rd()));
        std::error_code ec;
        if (fs::create_directory(p, ec)) {
            m_path = p;
            return;
        }
    }
    throw std::runtime_error("cannot create a temp dir");
}

TempDir::~TempDir() {
    std::error_code ec;
    fs::permissions(m_path, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(m_path, ec);
}

void write_file(const fs::path& p, const std::string& content) {
    std::ofstream out(p, std::ios::binary);
    out << content;
    if (!out) throw std::runtime_error("cannot write " + p.string());
}

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::map<std::string, std::string> pg_env() {
    std::map<std::string, std::string> env;
    std::ifstream in(COMPUERTA_PG_ENV_FILE);
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("export ", 0) == 0) line = line.substr(7);
        auto eq = line.find('=');
        if (eq != std::string::npos) env[line.substr(0, eq)] = line.substr(eq + 1);
    }
    return env;
}

std::string pg_dsn(const std::string& dbname) {
    auto e = pg_env();
    return "host=" + e["PGHOST"] + " port=" + e["PGPORT"] + " user=" + e["PGUSER"] + " password=" + e["PGPASSWORD"] +
           " dbname=" + dbname + " sslmode=disable";
}

std::string psql(const std::string& dbname, const std::string& sql) {
    auto e = pg_env();
    e["PGDATABASE"] = dbname;
    Run r = run("psql", {"-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql}, e);
    if (r.code != 0) throw std::runtime_error("psql failed: " + r.err);
    return r.out;
}

std::string create_test_database(const std::string& name) {
    std::string db = name + "_" + std::to_string(getpid());
    for (char& c : db)
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
    psql("postgres", "DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
    psql("postgres", "CREATE DATABASE " + db);
    return pg_dsn(db);
}

std::string bin(const std::string& name) { return std::string(COMPUERTA_BIN_DIR) + "/" + name; }

std::optional<fs::path> shared_dir() {
    fs::path p = fs::path(COMPUERTA_SOURCE_DIR).parent_path() / "shared";
    if (fs::is_directory(p / "junit")) return p;
    return std::nullopt;
}

Run run(const std::string& program, const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
        const std::optional<fs::path>& cwd, int timeout_s) {
    fs::path exe = program;
    if (program.find('/') == std::string::npos) {
        fs::path local = fs::path(COMPUERTA_BIN_DIR) / program;
        exe = fs::exists(local) ? local : fs::path(bp::search_path(program).string());
    }
    if (exe.empty()) throw std::runtime_error("program not found: " + program);
    TempDir tmp;
    auto child_env = boost::this_process::environment();
    bp::environment e = child_env;
    for (const auto& [k, v] : env) {
        if (v == "\x01") e.erase(k);
        else e[k] = v;
    }
    fs::path out = tmp / "out", err = tmp / "err";
    bp::child c;
    if (cwd)
        c = bp::child(exe.string(), bp::args(args), e, bp::std_out > out.string(), bp::std_err > err.string(),
                      bp::std_in < bp::null, bp::start_dir(cwd->string()));
    else
        c = bp::child(exe.string(), bp::args(args), e, bp::std_out > out.string(), bp::std_err > err.string(),
                      bp::std_in < bp::null);
    Run r;
    // Poll rather than child::wait_for: Boost 1.74's wait_for sleeps in
    // sigtimedwait without blocking SIGCHLD, so a child that exits before
    // the wait starts is noticed only at the timeout.
    auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s);
    while (c.running() && std::chrono::steady_clock::now() < give_up)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    if (c.running()) {
        c.terminate();
        r.code = -9;
    } else {
        r.code = c.exit_code();
        int native = c.native_exit_code();
        if (WIFSIGNALED(native)) r.code = 128 + WTERMSIG(native);
    }
    r.out = read_file(out);
    r.err = read_file(err);
    return r;
}

} // namespace compuerta::test
