#include "tests/integration/db/db_it_support.hpp"

#include "core/journal.hpp"
#include "core/ports/process.hpp"

#include <fstream>
#include <stdexcept>
#include <unistd.h>

namespace compuerta::test::db {

namespace fs = std::filesystem;

std::string trim(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
    return s;
}

TestDb::TestDb(const std::string& prefix) {
    name = prefix + "_" + std::to_string(getpid());
    db_psql("postgres", "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    db_psql("postgres", "CREATE DATABASE " + name);
    dsn = pg_dsn(name);
}

TestDb::~TestDb() {
    try {
        std::string list = db_psql("postgres", "SELECT datname FROM pg_database WHERE datname LIKE '" + name.substr(0, 30) + "%'");
        std::size_t pos = 0;
        while (pos < list.size()) {
            auto nl = list.find('\n', pos);
            std::string db = list.substr(pos, nl - pos);
            if (!db.empty()) db_psql("postgres", "DROP DATABASE IF EXISTS \"" + db + "\" WITH (FORCE)");
            if (nl == std::string::npos) break;
            pos = nl + 1;
        }
    } catch (...) {
    }
}

std::string TestDb::sql(const std::string& query) const { return trim(db_psql(name, query)); }

std::string db_psql(const std::string& dbname, const std::string& sql) {
    auto e = pg_env();
    e["PGDATABASE"] = dbname;
    auto r = run_program({e["COMPUERTA_PG_BIN"] + "/psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql}, e);
    if (r.code != 0) throw std::runtime_error("psql failed: " + r.err);
    return r.out;
}

Run Pipeline::db(const std::string& sub, std::vector<std::string> args) const {
    args.insert(args.begin(), bin("compuerta-db-" + sub));
    args.insert(args.end(), {"--journal", journal().string()});
    auto e = pg_env();
    for (const auto& [k, v] : env) e[k] = v;
    return run_program(args, e, dir.path().string());
}

std::vector<nlohmann::json> Pipeline::events(const std::string& name) const {
    std::vector<nlohmann::json> out;
    for (auto& e : core::read_journal(journal()).events)
        if (e.value("event", "") == name) out.push_back(e);
    return out;
}

void Pipeline::append_event(const nlohmann::json& e) const {
    fs::create_directories(journal());
    std::ofstream(journal() / "other-command.jsonl", std::ios::app) << e.dump() << "\n";
}

std::int32_t python_checksum(const std::string& content) {
    static const char* k_python = R"(import re, sys, zlib
data = open(sys.argv[1], 'rb').read().decode('utf-8')
if data.startswith('\ufeff'): data = data[1:]
crc = 0
for line in re.split(r'\r\n|\r|\n', data): crc = zlib.crc32(line.encode('utf-8'), crc)
print(crc - (1 << 32) if crc >= (1 << 31) else crc)
)";
    TempDir dir;
    write_file(dir / "m.sql", content);
    auto r = run_program({"python3", "-c", k_python, (dir / "m.sql").string()});
    if (r.code != 0) throw std::runtime_error("python3 failed: " + r.err);
    return static_cast<std::int32_t>(std::stol(r.out));
}

std::string examples_migrations() { return std::string(COMPUERTA_SOURCE_DIR) + "/examples/sep-muses/db/migrations"; }

} // namespace compuerta::test::db
