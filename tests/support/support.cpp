#include "tests/support/support.hpp"

#include "core/ports/process.hpp"
#include <chrono>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <unistd.h>

namespace compuerta::test {

namespace fs = std::filesystem;

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

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
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
    std::string exe = program;
    if (program.find('/') == std::string::npos) {
        fs::path local = fs::path(COMPUERTA_BIN_DIR) / program;
        if (fs::exists(local)) exe = local.string();
    }
    core::ProcessSpec spec;
    spec.argv.push_back(exe);
    spec.argv.insert(spec.argv.end(), args.begin(), args.end());
    for (const auto& [k, v] : env) {
        if (v == "\x01") spec.unset_env.push_back(k);
        else spec.env[k] = v;
    }
    if (cwd) spec.cwd = cwd->string();
    spec.merge_stderr = false;
    spec.mask_output = false; // tests look for leaks: never hide them
    spec.max_output = 64 * 1024 * 1024;
    auto process = core::make_posix_process();
    auto res = process->run(spec, core::Deadline::after(std::chrono::seconds(timeout_s)));
    if (!res) throw std::runtime_error(res.error().message);
    Run r;
    r.code = res->timed_out ? -9 : res->signal != 0 ? 128 + res->signal : res->exit_code;
    r.out = res->output;
    r.err = res->error_output;
    return r;
}

} // namespace compuerta::test
