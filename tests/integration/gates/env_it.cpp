// compuerta-gate-env against the throwaway PostgreSQL, certificates made
// with openssl, and the real environment.
#include "tests/integration/gates/fake_api.hpp"
#include "tests/support/support.hpp"

#include <gtest/gtest.h>

namespace compuerta::test {
namespace {

struct Gate {
    TempDir dir;
    std::map<std::string, std::string> env = {{"NO_COLOR", "1"}};
    test::Run run(std::vector<std::string> args) {
        args.insert(args.begin(), {"--journal", (dir / "journal").string(), "--junit", (dir / "out.xml").string()});
        return test::run("compuerta-gate-env", args, env, dir.path(), 60);
    }
    std::string junit() { return read_file(dir / "out.xml"); }
};

void openssl(const std::vector<std::string>& args, const std::filesystem::path& cwd) {
    test::Run r = test::run("openssl", args, {}, cwd, 60);
    if (r.code != 0) throw std::runtime_error("openssl failed: " + r.err);
}

// A CA (EC P-256 keys: fast), a client certificate it signed (365 days), one expiring in 3 days,
// an expired one (openssl ca with explicit dates), an unrelated key and a stranger CA.
struct Certs {
    TempDir d;
    Certs() {
        auto p = d.path();
        openssl({"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "3650",
                 "-subj", "/CN=SEP Test CA"}, p);
        openssl({"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "other-ca.key", "-out", "other-ca.pem",
                 "-days", "3650", "-subj", "/CN=Other CA"}, p);
        openssl({"req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "client.key", "-out", "client.csr", "-subj",
                 "/CN=muses-client"}, p);
        openssl({"x509", "-req", "-in", "client.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out",
                 "client.pem", "-days", "365"}, p);
        openssl({"x509", "-req", "-in", "client.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out",
                 "soon.pem", "-days", "3"}, p);
        openssl({"genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "other.key"}, p);
        std::filesystem::create_directories(p / "db/new");
        write_file(p / "db/index.txt", "");
        write_file(p / "db/serial", "1000\n");
        write_file(p / "ca.cnf", "[ca]\ndefault_ca=t\n[t]\ndir=" + (p / "db").string() +
                                     "\ndatabase=$dir/index.txt\nserial=$dir/serial\nnew_certs_dir=$dir/new\n"
                                     "default_md=sha256\npolicy=any\nunique_subject=no\n[any]\ncommonName=supplied\n");
        openssl({"ca", "-batch", "-config", "ca.cnf", "-cert", "ca.pem", "-keyfile", "ca.key", "-in", "client.csr",
                 "-out", "expired.pem", "-startdate", "20200101000000Z", "-enddate", "20210101000000Z", "-notext"},
                p);
    }
    std::string operator()(const std::string& f) const { return (d / f).string(); }
};

TEST(GateEnv, Certificates) {
    Certs c;
    Gate g;
    test::Run ok = g.run({"--cert", c("client.pem"), "--key", c("client.key"), "--ca", c("ca.pem")});
    EXPECT_EQ(ok.code, 0) << ok.out << ok.err;
    EXPECT_NE(ok.out.find("key matches, chain verifies"), std::string::npos) << ok.out;
    test::Run soon = g.run({"--cert", c("soon.pem"), "--key", c("client.key")});
    EXPECT_EQ(soon.code, 1) << soon.out;
    EXPECT_EQ(g.run({"--cert", c("soon.pem"), "--fail-days", "1"}).code, 0); // warn only
    test::Run expired = g.run({"--cert", c("expired.pem")});
    EXPECT_EQ(expired.code, 1);
    EXPECT_NE(expired.out.find("expired on 2021-01-01"), std::string::npos) << expired.out;
    test::Run mismatch = g.run({"--cert", c("client.pem"), "--key", c("other.key")});
    EXPECT_EQ(mismatch.code, 1);
    EXPECT_NE(mismatch.out.find("does not belong"), std::string::npos) << mismatch.out;
    test::Run stranger = g.run({"--cert", c("client.pem"), "--ca", c("other-ca.pem")});
    EXPECT_EQ(stranger.code, 1);
    EXPECT_NE(stranger.out.find("does not verify"), std::string::npos) << stranger.out;
    test::Run missing = g.run({"--cert", c("nope.pem")});
    EXPECT_EQ(missing.code, 1);
    EXPECT_NE(missing.out.find("nope.pem"), std::string::npos);
    test::Run notpem = g.run({"--cert", c("ca.cnf")});
    EXPECT_EQ(notpem.code, 1);
    EXPECT_NE(notpem.out.find("not a PEM certificate"), std::string::npos) << notpem.out;
}

TEST(GateEnv, VariablesNamesOnlyAndUnresolvedConfig) {
    Gate g;
    g.env["DEPLOY_SECRET_VALUE"] = "super-secret-value-123";
    g.env["MISSING_ONE"] = "\x01";
    test::Run r = g.run({"--require-env", "DEPLOY_SECRET_VALUE", "--require-env", "MISSING_ONE"});
    EXPECT_EQ(r.code, 1) << r.out << r.err;
    EXPECT_NE(r.out.find("not set: MISSING_ONE"), std::string::npos) << r.out;
    EXPECT_EQ((r.out + r.err + g.junit()).find("super-secret-value-123"), std::string::npos);

    write_file(g.dir / "compuerta.yml",
               "database:\n  dsn: \"host=127.0.0.1 password=${PROD_DB_PASSWORD}\"\n"
               "environment:\n  required_env: [DEPLOY_SECRET_VALUE]\n  postgres:\n    min_version: \"15\"\n");
    g.env["PROD_DB_PASSWORD"] = "\x01";
    test::Run cfg = g.run({});
    EXPECT_EQ(cfg.code, 1) << cfg.out << cfg.err; // a failed 2.3 check, not exit 2
    EXPECT_NE(cfg.out.find("PROD_DB_PASSWORD"), std::string::npos) << cfg.out;
    EXPECT_NE(cfg.out.find("compuerta.yml:2:"), std::string::npos) << cfg.out;
}

TEST(GateEnv, ToolsAndDisk) {
    Gate g;
    test::Run ok = g.run({"--tool", "sh", "--backup-dir", g.dir.path().string(), "--min-free", "1KB"});
    EXPECT_EQ(ok.code, 0) << ok.out << ok.err;
    test::Run bad = g.run({"--tool", "no-such-tool-xyz", "--backup-dir", (g.dir / "missing").string()});
    EXPECT_EQ(bad.code, 1);
    EXPECT_NE(bad.out.find("no-such-tool-xyz"), std::string::npos);
    EXPECT_NE(bad.out.find("does not exist"), std::string::npos);
    EXPECT_EQ(g.run({"--backup-dir", g.dir.path().string(), "--min-free", "lots"}).code, 2);
}

TEST(GateEnv, DeployTargetUrlsAndProbes) {
    FakeApi api;
    Gate g;
    test::Run ok = g.run({"--url", api.gitlab("ok") + "/projects/app-1/issues", "--probe", "test -d /"});
    EXPECT_EQ(ok.code, 0) << ok.out << ok.err;
    test::Run bad = g.run({"--url", api.gitlab("nope"), "--url", "http://127.0.0.1:1/", "--probe",
                           "echo disco lleno >&2; exit 3"});
    EXPECT_EQ(bad.code, 1) << bad.out;
    EXPECT_NE(bad.out.find("answered HTTP 404"), std::string::npos) << bad.out;
    EXPECT_NE(bad.out.find("not reachable"), std::string::npos) << bad.out;
    EXPECT_NE(bad.out.find("exited 3: disco lleno"), std::string::npos) << bad.out;
}

TEST(GateEnv, PostgresRequirements) {
    COMPUERTA_REQUIRE_PG();
    std::string dsn = create_test_database("gate_env");
    Gate g;
    test::Run ok = g.run({"--dsn", dsn, "--pg-min-version", "12", "--pg-extension", "plpgsql", "--pg-setting",
                    "max_connections=>=1", "--pg-setting", "server_encoding=UTF8"});
    EXPECT_EQ(ok.code, 0) << ok.out << ok.err;
    test::Run old = g.run({"--dsn", dsn, "--pg-min-version", "99"});
    EXPECT_EQ(old.code, 1);
    EXPECT_NE(old.out.find("older than the required 99"), std::string::npos) << old.out;
    test::Run ext = g.run({"--dsn", dsn, "--pg-extension", "no_such_extension", "--pg-setting", "no.such_setting=1"});
    EXPECT_EQ(ext.code, 1);
    std::string x = g.junit();
    EXPECT_NE(x.find("no_such_extension is not available"), std::string::npos) << x;
    EXPECT_NE(x.find("no.such_setting does not exist"), std::string::npos) << x;
    // The password never shows, even in a failure.
    std::string pw = pg_env()["PGPASSWORD"];
    EXPECT_EQ((ok.out + old.out + ext.out + x).find("password=" + pw), std::string::npos);
    test::Run down = g.run({"--dsn", "host=127.0.0.1 port=1 dbname=x connect_timeout=2", "--pg-min-version", "15"});
    EXPECT_EQ(down.code, 1) << down.out; // production unreachable: the gate is closed
}

} // namespace
} // namespace compuerta::test
