// Maintenance mode against a real nginx from Debian: the shipped snippet
// serves 503 + Retry-After + the Spanish page while the flag file exists,
// lets the bypass header and allow-listed addresses through, and
// `compuerta maintenance status` verifies both from outside.
#include "core/ports/http.hpp"
#include "tests/integration/window/background.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

using namespace compuerta;
using namespace compuerta::test;
namespace fs = std::filesystem;

namespace {

const std::string k_bypass = "pase-de-verificacion-7f3a";

core::HttpResponse get(int port, const std::vector<std::pair<std::string, std::string>>& headers = {}) {
    auto http = core::make_curl_http();
    core::HttpRequest req;
    req.url = fmt::format("http://127.0.0.1:{}/inscripciones", port);
    req.headers = headers;
    auto r = http->send(req, core::Deadline::after(core::Millis(5000)));
    EXPECT_TRUE(r) << (r ? "" : r.error().message);
    return r ? *r : core::HttpResponse{};
}

} // namespace

TEST(WindowNginx, SnippetBlocksThePublicAndLetsChecksThrough) {
    if (!fs::exists("/usr/sbin/nginx")) GTEST_SKIP() << "nginx is not installed (scripts/deps/window.txt)";
    TempDir t;
    fs::create_directories(t / "tmp");
    fs::path flag = t / "run" / "maintenance.flag";
    fs::create_directories(flag.parent_path());
    auto rendered = run("bash", {std::string(COMPUERTA_SOURCE_DIR) + "/ci/nginx/render.sh", (t / "snip").string()},
                        {{"FLAG_FILE", flag.string()}, {"BYPASS_VALUE", k_bypass}, {"RETRY_AFTER", "600"},
                         {"ALLOW", "127.0.0.2/32"}});
    ASSERT_EQ(rendered.code, 0) << rendered.err;
    int port = free_port();
    std::string T = t.path().string();
    write_file(t / "nginx.conf", fmt::format(R"(daemon off;
master_process off;
pid {0}/nginx.pid;
error_log {0}/error.log;
events {{ worker_connections 64; }}
http {{
  access_log off;
  client_body_temp_path {0}/tmp; proxy_temp_path {0}/tmp; fastcgi_temp_path {0}/tmp;
  uwsgi_temp_path {0}/tmp; scgi_temp_path {0}/tmp;
  include {0}/snip/maintenance-http.conf;
  server {{
    listen 127.0.0.1:{1};
    include {0}/snip/maintenance-server.conf;
    location / {{ default_type text/plain; return 200 "aplicacion ok\n"; }}
  }}
}}
)", T, port));
    Background nginx("/usr/sbin/nginx", {"-p", T + "/", "-c", T + "/nginx.conf", "-e", T + "/error.log"}, t / "nginx.log");
    ASSERT_TRUE(wait_for_port(port)) << read_file(t / "error.log");

    write_file(t / "compuerta.yml", fmt::format(R"(maintenance:
  backend: file
  flag_file: {}
  public_url: http://127.0.0.1:{}/inscripciones
  bypass_header: X-Compuerta-Bypass
  bypass_value: ${{BYPASS}}
  timeout: 5s
)", flag.string(), port));
    std::map<std::string, std::string> env{{"BYPASS", k_bypass}, {"COMPUERTA_JOURNAL", (t / "journal").string()}, {"COMPUERTA_LANG", "es"}};
    auto compuerta = [&](std::vector<std::string> args) {
        args.insert(args.begin(), {"maintenance"});
        args.insert(args.end(), {"-c", (t / "compuerta.yml").string()});
        test::Run r = run("compuerta", args, env);
        EXPECT_EQ(r.out.find(k_bypass), std::string::npos) << "bypass value printed";
        EXPECT_EQ(r.err.find(k_bypass), std::string::npos) << "bypass value printed";
        return r;
    };

    // Off: the public reaches the application, and status agrees.
    EXPECT_EQ(get(port).status, 200);
    test::Run st = compuerta({"status"});
    EXPECT_EQ(st.code, 0) << st.out << st.err;

    // On: 503, Retry-After and the Spanish page for the public...
    test::Run on = compuerta({"on"});
    ASSERT_EQ(on.code, 0) << on.out << on.err;
    EXPECT_TRUE(fs::exists(flag));
    auto blocked = get(port);
    EXPECT_EQ(blocked.status, 503);
    EXPECT_EQ(blocked.header("retry-after").value_or(""), "600");
    EXPECT_NE(blocked.header("content-type").value_or("").find("text/html"), std::string::npos);
    EXPECT_NE(blocked.body.find("Sistema en mantenimiento"), std::string::npos) << blocked.body;
    EXPECT_NE(blocked.body.find("lang=\"es\""), std::string::npos);
    // ...while the bypass header and an allow-listed address pass through.
    auto bypassed = get(port, {{"X-Compuerta-Bypass", k_bypass}});
    EXPECT_EQ(bypassed.status, 200);
    EXPECT_EQ(bypassed.body, "aplicacion ok\n");
    EXPECT_EQ(get(port, {{"X-Compuerta-Bypass", "wrong-value"}}).status, 503);
    std::string allowed = get_from("127.0.0.2", port, "/inscripciones");
    EXPECT_EQ(allowed.rfind("HTTP/1.1 200", 0), 0u) << allowed;
    EXPECT_EQ(get_from("127.0.0.3", port, "/").rfind("HTTP/1.1 503", 0), 0u);
    st = compuerta({"status", "-v"});
    EXPECT_EQ(st.code, 0) << st.out << st.err;
    EXPECT_NE(st.out.find("La cabecera de bypass deja pasar"), std::string::npos) << st.out;

    // A switch the web server does not honour is caught from outside.
    fs::path other = t / "run" / "otro.flag";
    ASSERT_EQ(compuerta({"on", "--flag-file", other.string()}).code, 0);
    test::Run off_web = compuerta({"off"});
    ASSERT_EQ(off_web.code, 0);
    test::Run mismatch = compuerta({"status", "--flag-file", other.string()});
    EXPECT_EQ(mismatch.code, 1) << mismatch.out << mismatch.err;
    EXPECT_NE(mismatch.out.find("200"), std::string::npos) << mismatch.out;

    // Off again (idempotent): 200 for everyone.
    EXPECT_EQ(compuerta({"off"}).code, 0);
    EXPECT_FALSE(fs::exists(flag));
    EXPECT_EQ(get(port).status, 200);
    EXPECT_EQ(compuerta({"status"}).code, 0);
}
