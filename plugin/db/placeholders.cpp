#include "plugin/db/placeholders.hpp"

#include "core/errors.hpp"
#include "core/messages/catalog.hpp"

#include <ctime>
#include <fmt/format.h>

namespace compuerta::plugin::db {

PlaceholderSettings placeholder_settings(const core::config::DatabaseSection& db,
                                         const std::string& file) {
    PlaceholderSettings s;
    s.replace = db.migrations_placeholder_replacement;
    s.prefix = db.migrations_placeholder_prefix;
    s.suffix = db.migrations_placeholder_suffix;
    if (s.prefix.empty() || s.suffix.empty())
        throw core::ConfigError(core::msg::tr("db.placeholders.empty_affix", {{"file", file}}));
    for (const auto& [name, value] : db.migrations_placeholders)
        s.values[name] = value.str_or("");
    return s;
}

void add_builtins(PlaceholderSettings& s, const std::string& schema, const std::string& user,
                  const std::string& database, const std::string& table,
                  std::chrono::system_clock::time_point now) {
    std::time_t t = std::chrono::system_clock::to_time_t(now);
    std::tm local{};
    localtime_r(&t, &local);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M:%S", &local);
    s.values["flyway:defaultSchema"] = schema;
    s.values["flyway:user"] = user;
    s.values["flyway:database"] = database;
    s.values["flyway:timestamp"] = stamp;
    s.values["flyway:table"] = table;
}

std::string replace_placeholders(std::string_view sql, const PlaceholderSettings& s,
                                 const MigrationFile& file) {
    if (!s.replace)
        return std::string(sql);
    std::string out;
    out.reserve(sql.size());
    std::size_t pos = 0;
    while (pos < sql.size()) {
        std::size_t open = sql.find(s.prefix, pos);
        if (open == std::string_view::npos)
            break;
        std::size_t start = open + s.prefix.size();
        std::size_t close = sql.find(s.suffix, start);
        std::size_t eol = sql.find('\n', start);
        // As Flyway: a placeholder has a name and stays on one line.
        if (close == std::string_view::npos || close == start ||
            (eol != std::string_view::npos && eol < close)) {
            out.append(sql.substr(pos, start - pos));
            pos = start;
            continue;
        }
        std::string name(sql.substr(start, close - start));
        out.append(sql.substr(pos, open - pos));
        if (name == "flyway:filename") {
            out += file.script;
        } else if (auto it = s.values.find(name); it != s.values.end()) {
            out += it->second;
        } else {
            std::size_t line = 1;
            for (std::size_t i = 0; i < open; ++i)
                line += sql[i] == '\n' ? 1 : 0;
            throw core::UsageError(core::msg::tr("db.placeholders.missing",
                                                 {{"file", file.path.string()},
                                                  {"line", line},
                                                  {"placeholder", s.prefix + name + s.suffix},
                                                  {"name", name}}));
        }
        pos = close + s.suffix.size();
    }
    out.append(sql.substr(pos));
    return out;
}

void resolve_repeatables(std::vector<MigrationFile>& files, const PlaceholderSettings& s) {
    for (MigrationFile& m : files) {
        if (!m.repeatable())
            continue;
        m.sql = replace_placeholders(m.sql, s, m);
        m.checksum = flyway_checksum(m.sql);
    }
}

} // namespace compuerta::plugin::db
