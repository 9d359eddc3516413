#include "plugin/db/flyway.hpp"

#include "core/errors.hpp"
#include "core/fs.hpp"
#include "core/messages/catalog.hpp"
#include "plugin/db/encoding.hpp"

#include <algorithm>
#include <boost/crc.hpp>
#include <fmt/format.h>
#include <map>

namespace compuerta::plugin::db {

namespace fs = std::filesystem;

std::optional<Version> Version::parse(std::string_view text) {
    Version v;
    std::string group;
    auto close = [&]() {
        if (group.empty()) return false;
        auto nz = group.find_first_not_of('0');
        v.m_parts.push_back(nz == std::string::npos ? "0" : group.substr(nz));
        v.m_text += (v.m_text.empty() ? "" : ".") + group;
        group.clear();
        return true;
    };
    for (char c : text) {
        if (c >= '0' && c <= '9') group += c;
        else if (c == '.' || c == '_') {
            if (!close()) return std::nullopt;
        } else return std::nullopt;
    }
    if (!close()) return std::nullopt;
    return v;
}

int Version::compare(const Version& other) const {
    std::size_t n = std::max(m_parts.size(), other.m_parts.size());
    for (std::size_t i = 0; i < n; ++i) {
        const std::string& a = i < m_parts.size() ? m_parts[i] : "0";
        const std::string& b = i < other.m_parts.size() ? other.m_parts[i] : "0";
        if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
        if (int c = a.compare(b); c != 0) return c < 0 ? -1 : 1;
    }
    return 0;
}

std::optional<ParsedName> parse_migration_name(const std::string& filename) {
    const std::string suffix = ".sql";
    if (filename.size() <= suffix.size() + 3 || filename.compare(filename.size() - 4, 4, suffix) != 0) return std::nullopt;
    std::string stem = filename.substr(0, filename.size() - 4);
    auto sep = stem.find("__");
    if (sep == std::string::npos || sep == 0) return std::nullopt;
    ParsedName p;
    std::string prefix = stem.substr(0, sep);
    p.description = stem.substr(sep + 2);
    std::replace(p.description.begin(), p.description.end(), '_', ' ');
    if (prefix == "R") return p;
    if (prefix[0] != 'V') return std::nullopt;
    p.version = Version::parse(std::string_view(prefix).substr(1));
    if (!p.version) return std::nullopt;
    return p;
}

std::int32_t flyway_checksum(std::string_view content) {
    boost::crc_32_type crc;
    bool first = true;
    std::size_t pos = 0;
    while (pos < content.size()) {
        // Java's readLine(): a line ends at \n, \r or \r\n.
        std::size_t end = content.find_first_of("\r\n", pos);
        std::string_view line = content.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
        if (first && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
        first = false;
        crc.process_bytes(line.data(), line.size());
        if (end == std::string_view::npos) break;
        pos = end + 1;
        if (content[end] == '\r' && pos < content.size() && content[pos] == '\n') ++pos;
    }
    return static_cast<std::int32_t>(crc.checksum());
}

bool opts_out_of_transaction(std::string_view sql, std::string_view script_conf) {
    std::size_t pos = 0;
    while (pos < sql.size()) {
        std::size_t end = sql.find('\n', pos);
        std::string_view line = sql.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
        if (line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
        if (!line.empty()) {
            if (line == "-- compuerta:no-transaction") return true;
            break;
        }
        if (end == std::string_view::npos) break;
        pos = end + 1;
    }
    std::string conf(script_conf);
    conf.erase(std::remove(conf.begin(), conf.end(), ' '), conf.end());
    return conf.find("executeInTransaction=false") != std::string::npos;
}

std::vector<MigrationFile> load_migrations(const fs::path& dir, const std::string& encoding) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        throw core::UsageError(core::msg::tr("db.flyway.no_dir", {{"dir", dir.string()}}));
    std::vector<MigrationFile> versioned, repeatable;
    for (const auto& e : fs::directory_iterator(dir)) {
        if (!e.is_regular_file()) continue;
        std::string name = e.path().filename().string();
        if (name.size() < 4 || name.compare(name.size() - 4, 4, ".sql") != 0) continue;
        auto parsed = parse_migration_name(name);
        if (!parsed)
            throw core::UsageError(
                core::msg::tr("db.flyway.bad_name", {{"file", e.path().string()}}));
        MigrationFile m;
        m.path = e.path();
        m.script = name;
        m.version = parsed->version;
        m.description = parsed->description;
        m.sql = decode_to_utf8(core::read_file(e.path()), encoding, e.path().string());
        m.checksum = flyway_checksum(m.sql);
        fs::path conf = e.path();
        conf += ".conf";
        m.in_transaction = !opts_out_of_transaction(m.sql, fs::exists(conf) ? core::read_file(conf) : "");
        if (m.version) {
            // Compare by value: V1.0 and V1 are the same version.
            for (const auto& v : versioned)
                if (*v.version == *m.version)
                    throw core::UsageError(core::msg::tr(
                        "db.flyway.same_version",
                        {{"first", v.script}, {"second", name}, {"version", m.version->text()}}));
            versioned.push_back(std::move(m));
        } else {
            repeatable.push_back(std::move(m));
        }
    }
    std::sort(versioned.begin(), versioned.end(),
              [](const MigrationFile& a, const MigrationFile& b) { return *a.version < *b.version; });
    std::sort(repeatable.begin(), repeatable.end(),
              [](const MigrationFile& a, const MigrationFile& b) { return a.description < b.description; });
    versioned.insert(versioned.end(), std::make_move_iterator(repeatable.begin()),
                     std::make_move_iterator(repeatable.end()));
    return versioned;
}

} // namespace compuerta::plugin::db
