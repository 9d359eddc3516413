// `compuerta smoke` and `compuerta config check` as a pipeline runs them.
#include "tests/support/support.hpp"

#include <filesystem>
#include <gtest/gtest.h>

using namespace compuerta;
namespace fs = std::filesystem;

namespace {

struct Smoke {
    test::TempDir dir;
    std::map<std::string, std::string> env{{"NO_COLOR", "1"}, {"COMPUERTA_CONFIG", "\x01"}, {"PGPASSWORD", "\x01"}};

    test::Run run(std::vector<std::string> args, const std::string& program = "compuerta") {
        std::vector<std::string> all;
        if (program == "compuerta") all.push_back("smoke");
        all.push_back("--journal");
        all.push_back((dir / "journal").string());
        for (auto& a : args) all.push_back(a);
        return test::run(program, all, env, dir.path());
    }
    std::string journal_text() {
        std::string all;
        if (!fs::exists(dir / "journal")) return all;
        for (auto& e : fs::directory_iterator(dir / "journal")) all += test::read_file(e.path());
        return all;
    }
};

void validate(const fs::path& xml, const std::string& xsd) {
    auto shared = test::shared_dir();
    if (!shared) GTEST_SKIP() << "../shared/junit not found";
    auto r = test::run("xmllint", {"--noout", "--schema", (*shared / "junit" / xsd).string(), xml.string()});
    EXPECT_EQ(r.code, 0) << r.err << test::read_file(xml);
}

int closed_port() { return 1; } // privileged, nothing listens there on a test machine

} // namespace

TEST(SmokeE2E, PassingCheckWritesValidJUnitAndJournal) {
    COMPUERTA_REQUIRE_PG();
    std::string dsn = test::create_test_database("e2e_pass");
    Smoke s;
    auto r = s.run({"--dsn", dsn, "--junit", (s.dir / "smoke.xml").string(), "--json", (s.dir / "smoke.json").string()});
    EXPECT_EQ(r.code, 0) << r.out << r.err;
    EXPECT_NE(r.out.find("PASS  6.1"), std::string::npos) << r.out;
    validate(s.dir / "smoke.xml", "jenkins-junit.xsd");
    EXPECT_NE(test::read_file(s.dir / "smoke.json").find("\"status\": \"pass\""), std::string::npos);
    std::string journal = s.journal_text();
    EXPECT_NE(journal.find("\"event\":\"check\""), std::string::npos) << journal;
    EXPECT_NE(journal.find("\"item\":\"6.1\""), std::string::npos) << journal;
}

TEST(SmokeE2E, StrictJUnitValidatesAgainstBothSchemas) {
    COMPUERTA_REQUIRE_PG();
    std::string dsn = test::create_test_database("e2e_strict");
    Smoke s;
    auto r = s.run({"--dsn", dsn, "--junit", (s.dir / "strict.xml").string(), "--junit-strict"});
    EXPECT_EQ(r.code, 0) << r.err;
    validate(s.dir / "strict.xml", "windyroad-JUnit.xsd");
    validate(s.dir / "strict.xml", "jenkins-junit.xsd");
}

TEST(SmokeE2E, SecretSeededInConfigAppearsInNoOutput) {
    COMPUERTA_REQUIRE_PG();
    auto pg = test::pg_env();
    std::string dsn = test::create_test_database("e2e_secret");
    std::string db = dsn.substr(dsn.find("dbname=") + 7, dsn.find(' ', dsn.find("dbname=")) - dsn.find("dbname=") - 7);
    Smoke s;
    // A wrong password in the config (libpq repeats parts of the DSN in errors),
    // and the right one through a _FILE variable for a second check.
    test::write_file(s.dir / "pw", pg["PGPASSWORD"] + "\n");
    test::write_file(s.dir / "compuerta.yml",
                     "database:\n  dsn: \"postgresql://postgres:Seeded-Secret-1234@" + pg["PGHOST"] + ":" + pg["PGPORT"] +
                         "/" + db + "?sslmode=disable\"\n"
                         "smoke:\n  checks:\n    - kind: postgres\n      id: wrong\n"
                         "    - kind: postgres\n      id: right\n      dsn: \"host=" + pg["PGHOST"] + " port=" + pg["PGPORT"] +
                         " user=postgres dbname=" + db + " password=${DBPW}\"\n");
    s.env["DBPW_FILE"] = (s.dir / "pw").string();
    auto r = s.run({"-c", (s.dir / "compuerta.yml").string(), "-v", "--junit", (s.dir / "j.xml").string(), "--json",
                    (s.dir / "j.json").string()});
    EXPECT_EQ(r.code, 1) << r.out << r.err;
    std::string everything = r.out + r.err + test::read_file(s.dir / "j.xml") + test::read_file(s.dir / "j.json") +
                             s.journal_text();
    EXPECT_NE(everything.find("PASS"), std::string::npos) << everything; // the right one passed
    EXPECT_EQ(everything.find("Seeded-Secret-1234"), std::string::npos) << everything;
    EXPECT_EQ(everything.find(pg["PGPASSWORD"]), std::string::npos) << everything;
}

TEST(SmokeE2E, UnreachableDatabaseIsAFailure) {
    Smoke s;
    auto r = s.run({"--dsn", "host=127.0.0.1 port=" + std::to_string(closed_port()) + " user=x dbname=x sslmode=disable",
                    "--junit", (s.dir / "f.xml").string()});
    EXPECT_EQ(r.code, 1) << r.out << r.err;
    EXPECT_NE(r.out.find("FAIL  6.1"), std::string::npos);
    EXPECT_NE(r.out.find("TCP connect"), std::string::npos) << r.out;
    validate(s.dir / "f.xml", "jenkins-junit.xsd");
}

TEST(SmokeE2E, WrongPasswordFailsWithoutShowingIt) {
    COMPUERTA_REQUIRE_PG();
    auto pg = test::pg_env();
    Smoke s;
    auto r = s.run({"--dsn", "postgresql://postgres:Not-The-Password-99@" + pg["PGHOST"] + ":" + pg["PGPORT"] +
                                 "/postgres?sslmode=disable",
                    "--junit", (s.dir / "f.xml").string()});
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.out.find("authentication"), std::string::npos) << r.out;
    std::string all = r.out + r.err + test::read_file(s.dir / "f.xml") + s.journal_text();
    EXPECT_EQ(all.find("Not-The-Password-99"), std::string::npos) << all;
}

TEST(SmokeE2E, DnsFailureIsAFailureNamingDns) {
    Smoke s;
    auto r = s.run({"--dsn", "host=db.no-such-zone.invalid user=x dbname=x", "--timeout", "3s"});
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.out.find("DNS"), std::string::npos) << r.out;
}

TEST(SmokeE2E, UsageAndConfigurationErrorsExitTwoWithoutHalfWrittenJUnit) {
    Smoke s;
    fs::path junit = s.dir / "never.xml";
    struct Case {
        std::vector<std::string> args;
        std::string config; // written to c.yml when not empty
        std::string expect;
    };
    std::vector<Case> cases = {
        {{"-c", (s.dir / "missing.yml").string()}, "", "does not exist"},
        {{"-c", (s.dir / "c.yml").string()}, "smoke:\n  checks: [\n", "YAML syntax error"},
        {{"-c", (s.dir / "c.yml").string()}, "smoke:\n  bogus: 1\n", "c.yml:2:3"},
        {{"-c", (s.dir / "c.yml").string()}, "smoke:\n  concurrency: lots\n", "expected an integer"},
        {{"-c", (s.dir / "c.yml").string()}, "database:\n  dsn: \"host=${NOT_SET_ANYWHERE}\"\n", "NOT_SET_ANYWHERE"},
        {{"--frobnicate"}, "", "unrecognised option"},
        {{"--junit", (s.dir / "no-such-dir" / "x.xml").string()}, "", "does not exist"},
        {{"--timeout", "soon"}, "", "expected a duration"},
        {{"--only", "9.9", "--dsn", "host=x"}, "", "no check has that id"},
    };
    for (const auto& c : cases) {
        if (!c.config.empty()) test::write_file(s.dir / "c.yml", c.config);
        std::vector<std::string> args = c.args;
        if (std::find(args.begin(), args.end(), "--junit") == args.end()) {
            args.push_back("--junit");
            args.push_back(junit.string());
        }
        auto r = s.run(args);
        EXPECT_EQ(r.code, 2) << c.expect << "\n" << r.out << r.err;
        EXPECT_NE(r.err.find(c.expect), std::string::npos) << r.err;
        EXPECT_EQ(r.err.find("terminate called"), std::string::npos);
        EXPECT_FALSE(fs::exists(junit)) << c.expect;
        EXPECT_TRUE(r.out.find("PASS") == std::string::npos && r.out.find("FAIL") == std::string::npos);
    }
}

TEST(SmokeE2E, UnknownCommandIsExitTwo) {
    auto r = test::run("compuerta", {"frobnicate"});
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("unknown command \"frobnicate\""), std::string::npos) << r.err;
}

TEST(SmokeE2E, DispatcherListsInstalledCommandsAndForwardsArguments) {
    auto help = test::run("compuerta", {"--help"});
    EXPECT_EQ(help.code, 0);
    EXPECT_NE(help.out.find("smoke"), std::string::npos) << help.out;
    EXPECT_NE(help.out.find("config check"), std::string::npos) << help.out;
    auto v = test::run("compuerta", {"smoke", "--version"});
    EXPECT_EQ(v.code, 0);
    EXPECT_EQ(v.out, "compuerta " COMPUERTA_VERSION "\n") << v.out;
    // The compuerta-smoke link is the same program, dispatched by argv[0].
    auto link = test::run("compuerta-smoke", {"--help"});
    EXPECT_EQ(link.code, 0);
    EXPECT_EQ(link.out, test::run("compuerta", {"smoke", "--help"}).out);
    EXPECT_TRUE(std::filesystem::is_symlink(test::bin("compuerta-smoke")));
    auto typo = test::run("compuerta", {"smok"});
    EXPECT_EQ(typo.code, 2);
    EXPECT_NE(typo.err.find("did you mean `smoke`?"), std::string::npos) << typo.err;
    auto group = test::run("compuerta", {"db"});
    EXPECT_EQ(group.code, 0);
    EXPECT_NE(group.out.find("db backup"), std::string::npos) << group.out;
}

TEST(SmokeE2E, ConfigCheckValidAndInvalid) {
    test::TempDir dir;
    const std::string example = std::string(COMPUERTA_SOURCE_DIR) + "/examples/sep-muses/compuerta.yml";
    auto ok = test::run("compuerta", {"config", "check", "--lang", "en", "-c", example, "--journal", (dir / "j").string()});
    EXPECT_EQ(ok.code, 0) << ok.out << ok.err;
    EXPECT_NE(ok.out.find(": valid"), std::string::npos) << ok.out;
    // The example says `lang: es`: without --lang, config check answers in Spanish.
    auto es = test::run("compuerta", {"config", "check", "-c", example, "--journal", (dir / "j").string()});
    EXPECT_EQ(es.code, 0) << es.out << es.err;
    EXPECT_NE(es.out.find(": válido"), std::string::npos) << es.out;
    test::write_file(dir / "bad.yml", "smoke:\n  checks:\n    - kind: postgres\n      timeout: forever\n");
    auto bad = test::run("compuerta", {"config", "check", "-c", (dir / "bad.yml").string(), "--journal", (dir / "j").string()});
    EXPECT_EQ(bad.code, 2);
    EXPECT_NE(bad.err.find("bad.yml:4:16"), std::string::npos) << bad.err;
}
