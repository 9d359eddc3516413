#pragma once
// The backup manifest (docs/journal-events.md, extended in docs/db.md):
// what was dumped, from where, when, and the SHA-256 of every file, so a
// restore can prove the backup is intact before it touches anything.
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace compuerta::plugin::db {

struct ManifestFile {
    std::string path; // relative to the manifest's directory
    std::uint64_t bytes = 0;
    std::string sha256; // lowercase hex
};

struct Grant {
    std::string grantee; // role name, or PUBLIC
    std::string privilege; // CONNECT, CREATE, TEMPORARY
    bool grantable = false;
    bool operator==(const Grant&) const = default;
};

// Database-level properties a dump without --create does not carry.
struct DatabaseMeta {
    std::string owner;
    std::string encoding; // UTF8
    std::string collate;
    std::string ctype;
    std::vector<std::string> settings;       // "name=value" as in pg_db_role_setting
    std::optional<std::vector<Grant>> grants; // none: the default privileges (datacl NULL)
    std::optional<std::string> comment;
};

struct Manifest {
    int manifest_version = 1;
    std::string database;
    std::string server_version;
    std::string format = "directory"; // directory | custom
    std::string dump;                 // relative path of the dump directory or file
    std::string tag;
    std::string commit;
    std::string previous_tag;
    std::string started; // RFC 3339
    std::string finished;
    std::uint64_t bytes = 0;
    std::vector<ManifestFile> files;
    std::string wal_lsn;
    std::map<std::string, std::int64_t> tables; // "schema.table" -> rows
    bool verified = false;
    DatabaseMeta meta;
    std::map<std::string, long long> timings_ms; // dump, readback, checksums, manifest
    // pg_stat_database's write counters before the dump: `db snapshot` proves with them that
    // nothing was written since (plugin/db/snapshot.hpp). Empty in older manifests.
    std::map<std::string, std::string> write_stats;
};

std::string to_json(const Manifest& m);
// Throws core::CannotEvaluate naming the file when it is not a manifest.
Manifest read_manifest(const std::filesystem::path& file);

// SHA-256 of a file, lowercase hex (OpenSSL EVP, streamed). Throws
// core::CannotEvaluate naming the file when it cannot be read.
std::string sha256_file(const std::filesystem::path& file);

// Every regular file under `root` (recursively), with its size and SHA-256,
// paths relative to `base`, sorted. Hashes on up to `threads` threads.
std::vector<ManifestFile> describe_files(const std::filesystem::path& root, const std::filesystem::path& base,
                                         int threads);

// Checks every listed file against its size and SHA-256. Returns one line per
// problem (missing, truncated, changed), empty when all match.
std::vector<std::string> verify_files(const Manifest& m, const std::filesystem::path& manifest_dir, int threads);

} // namespace compuerta::plugin::db
