#include "plugin/db/manifest.hpp"

#include "core/errors.hpp"
#include "core/messages/catalog.hpp"

#include <algorithm>
#include <atomic>
#include <fmt/format.h>
#include <fstream>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <openssl/evp.h>
#include <thread>

namespace compuerta::plugin::db {

namespace fs = std::filesystem;
using nlohmann::json;

std::string to_json(const Manifest& m) {
    json j;
    j["manifest_version"] = m.manifest_version;
    j["database"] = m.database;
    j["server_version"] = m.server_version;
    j["format"] = m.format;
    j["dump"] = m.dump;
    j["tag"] = m.tag;
    j["commit"] = m.commit;
    j["previous_tag"] = m.previous_tag;
    j["started"] = m.started;
    j["finished"] = m.finished;
    j["bytes"] = m.bytes;
    j["files"] = json::array();
    for (const auto& f : m.files) j["files"].push_back({{"path", f.path}, {"bytes", f.bytes}, {"sha256", f.sha256}});
    j["wal_lsn"] = m.wal_lsn;
    j["tables"] = m.tables;
    j["verified"] = m.verified;
    j["owner"] = m.meta.owner;
    j["encoding"] = m.meta.encoding;
    j["collate"] = m.meta.collate;
    j["ctype"] = m.meta.ctype;
    j["settings"] = m.meta.settings;
    if (m.meta.grants) {
        j["privileges"] = json::array();
        for (const auto& g : *m.meta.grants)
            j["privileges"].push_back({{"grantee", g.grantee}, {"privilege", g.privilege}, {"grantable", g.grantable}});
    } else {
        j["privileges"] = nullptr;
    }
    j["comment"] = m.meta.comment ? json(*m.meta.comment) : json(nullptr);
    j["timings_ms"] = m.timings_ms;
    if (!m.write_stats.empty()) j["write_stats"] = m.write_stats;
    return j.dump(2) + "\n";
}

Manifest read_manifest(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw core::CannotEvaluate(
            core::msg::tr("db.manifest.unreadable", {{"manifest", file.string()}}));
    try {
        json j = json::parse(in);
        Manifest m;
        m.manifest_version = j.value("manifest_version", 1);
        m.database = j.at("database").get<std::string>();
        m.server_version = j.value("server_version", "");
        m.format = j.value("format", "directory");
        m.dump = j.at("dump").get<std::string>();
        m.tag = j.value("tag", "");
        m.commit = j.value("commit", "");
        m.previous_tag = j.value("previous_tag", "");
        m.started = j.value("started", "");
        m.finished = j.value("finished", "");
        m.bytes = j.value("bytes", std::uint64_t{0});
        for (const auto& f : j.at("files"))
            m.files.push_back({f.at("path").get<std::string>(), f.at("bytes").get<std::uint64_t>(),
                               f.at("sha256").get<std::string>()});
        m.wal_lsn = j.value("wal_lsn", "");
        m.tables = j.value("tables", std::map<std::string, std::int64_t>{});
        m.verified = j.value("verified", false);
        m.meta.owner = j.value("owner", "");
        m.meta.encoding = j.value("encoding", "");
        m.meta.collate = j.value("collate", "");
        m.meta.ctype = j.value("ctype", "");
        m.meta.settings = j.value("settings", std::vector<std::string>{});
        if (j.contains("privileges") && j["privileges"].is_array()) {
            m.meta.grants.emplace();
            for (const auto& g : j["privileges"])
                m.meta.grants->push_back({g.at("grantee").get<std::string>(), g.at("privilege").get<std::string>(),
                                          g.value("grantable", false)});
        }
        if (j.contains("comment") && j["comment"].is_string()) m.meta.comment = j["comment"].get<std::string>();
        m.timings_ms = j.value("timings_ms", std::map<std::string, long long>{});
        m.write_stats = j.value("write_stats", std::map<std::string, std::string>{});
        for (const auto& f : m.files)
            if (fs::path(f.path).is_absolute() || f.path.find("..") != std::string::npos)
                throw core::CannotEvaluate(core::msg::tr(
                    "db.manifest.file_outside", {{"manifest", file.string()}, {"path", f.path}}));
        // The dump a restore reads must lie inside the backup too (issue 15 item 11).
        if (m.dump.empty() || fs::path(m.dump).is_absolute() || m.dump.find("..") != std::string::npos)
            throw core::CannotEvaluate(core::msg::tr(
                "db.manifest.dump_outside", {{"manifest", file.string()}, {"path", m.dump}}));
        return m;
    } catch (const json::exception& e) {
        throw core::CannotEvaluate(core::msg::tr(
            "db.manifest.invalid", {{"manifest", file.string()}, {"error", e.what()}}));
    }
}

std::string sha256_file(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw core::CannotEvaluate(
            core::msg::tr("db.manifest.file_unreadable", {{"file", file.string()}}));
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1)
        throw core::CannotEvaluate("OpenSSL cannot start a SHA-256 digest");
    std::vector<char> buf(1 << 20);
    while (in) {
        in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
        auto got = in.gcount();
        if (got > 0) EVP_DigestUpdate(ctx.get(), buf.data(), static_cast<std::size_t>(got));
    }
    if (in.bad())
        throw core::CannotEvaluate(
            core::msg::tr("db.manifest.file_read_error", {{"file", file.string()}}));
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_DigestFinal_ex(ctx.get(), md, &len);
    std::string hex;
    for (unsigned int i = 0; i < len; ++i) hex += fmt::format("{:02x}", md[i]);
    return hex;
}

namespace {

// Runs fn(i) for i in [0, n) on up to `threads` threads; rethrows the first error.
template <class Fn> void parallel_for(std::size_t n, int threads, Fn fn) {
    std::atomic<std::size_t> next{0};
    std::exception_ptr error;
    std::mutex m;
    auto worker = [&] {
        for (std::size_t i = next++; i < n; i = next++) {
            try {
                fn(i);
            } catch (...) {
                std::lock_guard lock(m);
                if (!error) error = std::current_exception();
            }
        }
    };
    std::vector<std::thread> pool;
    for (int t = 1; t < std::max(1, threads) && static_cast<std::size_t>(t) < n; ++t) pool.emplace_back(worker);
    worker();
    for (auto& t : pool) t.join();
    if (error) std::rethrow_exception(error);
}

} // namespace

std::vector<ManifestFile> describe_files(const fs::path& root, const fs::path& base, int threads) {
    std::vector<ManifestFile> files;
    std::vector<fs::path> paths;
    if (fs::is_regular_file(root)) paths.push_back(root);
    else
        for (const auto& e : fs::recursive_directory_iterator(root))
            if (e.is_regular_file()) paths.push_back(e.path());
    std::sort(paths.begin(), paths.end());
    files.resize(paths.size());
    parallel_for(paths.size(), threads, [&](std::size_t i) {
        files[i] = {fs::relative(paths[i], base).generic_string(), fs::file_size(paths[i]), sha256_file(paths[i])};
    });
    return files;
}

std::vector<std::string> verify_files(const Manifest& m, const fs::path& manifest_dir, int threads) {
    std::vector<std::string> problems(m.files.size());
    parallel_for(m.files.size(), threads, [&](std::size_t i) {
        const ManifestFile& f = m.files[i];
        fs::path p = manifest_dir / f.path;
        std::error_code ec;
        auto size = fs::file_size(p, ec);
        if (ec)
            problems[i] = core::msg::tr("db.manifest.check.missing",
                                        {{"file", p.string()}, {"error", ec.message()}});
        else if (size != f.bytes)
            problems[i] = core::msg::trn("db.manifest.check.size", static_cast<long long>(size),
                                         {{"file", p.string()}, {"expected", f.bytes}});
        else if (sha256_file(p) != f.sha256)
            problems[i] = core::msg::tr("db.manifest.check.sha", {{"file", p.string()}});
    });
    problems.erase(std::remove(problems.begin(), problems.end(), std::string()), problems.end());
    if (m.files.empty())
        problems.push_back(core::msg::tr("db.manifest.check.no_files"));
    return problems;
}

} // namespace compuerta::plugin::db
