#include "plugin/db/db_meta.hpp"

#include "core/util/text.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace compuerta::plugin::db {

using core::quote_ident;
using core::quote_literal;

DatabaseMeta read_meta(core::DbSession& s, const std::string& database) {
    DatabaseMeta m;
    auto row = s.query("SELECT pg_get_userbyid(datdba), pg_encoding_to_char(encoding), datcollate, datctype, "
                       "datacl IS NULL, shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = $1",
                       {database});
    if (row.empty()) throw core::DbError(fmt::format("database {} not found in pg_database", database), "3D000");
    m.owner = row[0][0].value_or("");
    m.encoding = row[0][1].value_or("");
    m.collate = row[0][2].value_or("");
    m.ctype = row[0][3].value_or("");
    bool default_acl = row[0][4].value_or("t") == "t";
    m.comment = row[0][5];
    for (const auto& r : s.query("SELECT unnest(setconfig) FROM pg_db_role_setting WHERE setrole = 0 AND "
                                 "setdatabase = (SELECT oid FROM pg_database WHERE datname = $1)",
                                 {database}))
        m.settings.push_back(r[0].value_or(""));
    std::sort(m.settings.begin(), m.settings.end());
    if (!default_acl) {
        m.grants.emplace();
        for (const auto& r : s.query("SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee) END, "
                                     "a.privilege_type, a.is_grantable::text FROM pg_database d, aclexplode(d.datacl) a "
                                     "WHERE d.datname = $1 ORDER BY 1, 2",
                                     {database}))
            m.grants->push_back({r[0].value_or(""), r[1].value_or(""), r[2].value_or("") == "true"});
    }
    return m;
}

namespace {

bool list_quoted(const std::string& name) {
    static const char* k_lists[] = {"search_path", "temp_tablespaces", "session_preload_libraries",
                                    "local_preload_libraries", "shared_preload_libraries"};
    const std::string lower = core::util::lower(name);
    return std::find(std::begin(k_lists), std::end(k_lists), lower) != std::end(k_lists);
}

// Splits a GUC list ("a, \"b c\"") into its elements, unquoting each.
std::vector<std::string> split_list(const std::string& v) {
    std::vector<std::string> out;
    std::string cur;
    bool quoted = false, any = false;
    for (std::size_t i = 0; i < v.size(); ++i) {
        char c = v[i];
        if (quoted) {
            if (c == '"' && i + 1 < v.size() && v[i + 1] == '"') cur += '"', ++i;
            else if (c == '"') quoted = false;
            else cur += c;
        } else if (c == '"') quoted = any = true;
        else if (c == ',') {
            out.push_back(cur);
            cur.clear();
            any = false;
        } else if (c != ' ' || any) {
            cur += c;
            any = true;
        }
    }
    while (!cur.empty() && cur.back() == ' ') cur.pop_back();
    if (!cur.empty() || !out.empty()) out.push_back(cur);
    return out;
}

} // namespace

std::string set_clause(const std::string& setting) {
    auto eq = setting.find('=');
    std::string name = setting.substr(0, eq);
    std::string value = eq == std::string::npos ? "" : setting.substr(eq + 1);
    std::string rhs;
    if (list_quoted(name)) {
        for (const auto& e : split_list(value)) rhs += (rhs.empty() ? "" : ", ") + quote_literal(e);
        if (rhs.empty()) rhs = "''";
    } else {
        rhs = quote_literal(value);
    }
    return fmt::format("SET {} = {}", quote_ident(name), rhs);
}

std::vector<std::string> apply_meta_sql(const std::string& database, const DatabaseMeta& meta) {
    std::vector<std::string> sql;
    std::string db = quote_ident(database);
    if (!meta.owner.empty()) sql.push_back(fmt::format("ALTER DATABASE {} OWNER TO {}", db, quote_ident(meta.owner)));
    sql.push_back(fmt::format("ALTER DATABASE {} RESET ALL", db));
    for (const auto& s : meta.settings) sql.push_back(fmt::format("ALTER DATABASE {} {}", db, set_clause(s)));
    if (meta.grants) {
        sql.push_back(fmt::format("REVOKE ALL ON DATABASE {} FROM PUBLIC", db));
        if (!meta.owner.empty()) sql.push_back(fmt::format("REVOKE ALL ON DATABASE {} FROM {}", db, quote_ident(meta.owner)));
        for (const auto& g : *meta.grants)
            sql.push_back(fmt::format("GRANT {} ON DATABASE {} TO {}{}", g.privilege, db,
                                      g.grantee == "PUBLIC" ? "PUBLIC" : quote_ident(g.grantee),
                                      g.grantable ? " WITH GRANT OPTION" : ""));
    }
    sql.push_back(fmt::format("COMMENT ON DATABASE {} IS {}", db, meta.comment ? quote_literal(*meta.comment) : "NULL"));
    return sql;
}

} // namespace compuerta::plugin::db
