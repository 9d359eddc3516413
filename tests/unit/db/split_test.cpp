// Statement splitting for migrations outside a transaction, and the COPY row counter.
#include "plugin/db/db_meta.hpp"
#include "plugin/db/pg_tools.hpp"
#include "plugin/db/sql_split.hpp"

#include <gtest/gtest.h>

using namespace compuerta::plugin::db;

TEST(DbSplit, SplitsOnSemicolonsOutsideQuotesAndComments) {
    auto s = split_statements("-- head; comment\nCREATE INDEX CONCURRENTLY i ON t (a);\n"
                              "INSERT INTO t VALUES ('a;b', E'it\\'s;', \"we;ird\");\n"
                              "/* block; /* nested; */ still; */ SELECT 1;\n"
                              "CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;\n"
                              "SELECT $$x;y$$  ;  -- trailing\n");
    ASSERT_EQ(s.size(), 5u);
    EXPECT_NE(s[0].find("CREATE INDEX CONCURRENTLY"), std::string::npos);
    EXPECT_NE(s[1].find("'a;b'"), std::string::npos);
    EXPECT_NE(s[2].find("SELECT 1"), std::string::npos);
    EXPECT_NE(s[3].find("$body$ LANGUAGE sql"), std::string::npos);
    EXPECT_NE(s[4].find("$$x;y$$"), std::string::npos);
}

TEST(DbSplit, NoStatementsInCommentsOnly) {
    EXPECT_TRUE(split_statements("-- nothing;\n/* here; */\n ; ;").empty());
    EXPECT_EQ(split_statements("SELECT 1").size(), 1u);
}

TEST(DbCopyCounter, CountsRowsAcrossChunkBoundaries) {
    std::string sql = "SET x = 1;\nCOPY public.alumnos (id, curp) FROM stdin;\n1\tA\n2\tB\\nC\n3\tD\n\\.\n\n"
                      "COPY \"Sch\".\"a b\" (id) FROM stdin;\n\\.\n"
                      "COPY public.bajas (id) FROM stdin;\n7\n";
    for (std::size_t chunk : {1u, 2u, 3u, 7u, 1000u}) {
        CopyCounter c;
        for (std::size_t i = 0; i < sql.size(); i += chunk) c.feed(std::string_view(sql).substr(i, chunk));
        c.feed("\\.");
        c.finish();
        EXPECT_EQ(c.counts().at("public.alumnos"), 3) << chunk;
        EXPECT_EQ(c.counts().at("\"Sch\".\"a b\""), 0) << chunk;
        EXPECT_EQ(c.counts().at("public.bajas"), 1) << chunk;
        EXPECT_EQ(c.counts().size(), 3u);
    }
}

TEST(DbMeta, SettingsAreQuotedAsPgDumpallDoes) {
    EXPECT_EQ(set_clause("work_mem=8MB"), "SET \"work_mem\" = '8MB'");
    EXPECT_EQ(set_clause("search_path=public, \"x y\""), "SET \"search_path\" = 'public', 'x y'");
    EXPECT_EQ(set_clause("application_name=it's"), "SET \"application_name\" = 'it''s'");
}

TEST(DbMeta, AppliesOwnerSettingsPrivilegesAndComment) {
    DatabaseMeta m;
    m.owner = "sep";
    m.settings = {"work_mem=8MB"};
    m.grants = std::vector<Grant>{{"app", "CONNECT", false}, {"PUBLIC", "TEMPORARY", false}};
    m.comment = "SEP";
    auto sql = apply_meta_sql("db", m);
    std::string all;
    for (const auto& s : sql) all += s + ";\n";
    EXPECT_NE(all.find("ALTER DATABASE \"db\" OWNER TO \"sep\""), std::string::npos);
    EXPECT_NE(all.find("ALTER DATABASE \"db\" SET \"work_mem\" = '8MB'"), std::string::npos);
    EXPECT_NE(all.find("REVOKE ALL ON DATABASE \"db\" FROM PUBLIC"), std::string::npos);
    EXPECT_NE(all.find("GRANT CONNECT ON DATABASE \"db\" TO \"app\""), std::string::npos);
    EXPECT_NE(all.find("GRANT TEMPORARY ON DATABASE \"db\" TO PUBLIC"), std::string::npos);
    EXPECT_NE(all.find("COMMENT ON DATABASE \"db\" IS 'SEP'"), std::string::npos);
    m.grants.reset();
    sql = apply_meta_sql("db", m);
    for (const auto& s : sql) EXPECT_EQ(s.find("REVOKE"), std::string::npos) << "default privileges stay default";
}
