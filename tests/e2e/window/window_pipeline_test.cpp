// The window as a pipeline runs it: the built executables, one journal,
// events from the other areas' commands, the checklist and post-mortem
// rendered back (Markdown, and HTML screenshotted in headless Chromium).
#include "tests/integration/window/background.hpp"

#include <fmt/format.h>
#include <fstream>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using namespace compuerta;
using namespace compuerta::test;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

struct Pipeline {
    TempDir dir;
    std::map<std::string, std::string> env;
    Pipeline() {
        env = {{"COMPUERTA_JOURNAL", (dir / "journal").string()},
               {"COMPUERTA_LANG", "es"},
               {"COMPUERTA_RUN", "4242"},
               {"CI_JOB_ID", "1"},
               {"COMPUERTA_ACTOR", "ci-bot"}};
    }
    test::Run cmd(const std::string& name, std::vector<std::string> args) {
        args.insert(args.begin(), name);
        return run("compuerta", args, env, dir.path(), 120);
    }
    // Events the other areas' commands write (docs/journal-events.md).
    void other_areas(const std::vector<json>& events) {
        std::ofstream out(dir / "journal" / "4242-2-99999.jsonl", std::ios::app);
        for (const auto& e : events)
            out << e.dump() << "\n";
    }
};

std::string now_plus(int seconds) {
    auto t = std::chrono::system_clock::now() + std::chrono::seconds(seconds);
    std::time_t tt = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

json ev(int sec, const std::string& event, const std::string& item, const std::string& status,
        json extra = json::object()) {
    json e = {{"ts", now_plus(sec)}, {"run", "4242"},
              {"job", "2"},          {"event", event},
              {"item", item},        {"command", "other"},
              {"status", status},    {"summary", event + " " + status},
              {"actor", "ci-bot"},   {"evidence", json::object()}};
    e.update(extra);
    return e;
}

void make_repo(const fs::path& repo) {
    fs::create_directories(repo);
    auto git = [&](std::vector<std::string> a) {
        a.insert(a.begin(), {"-C", repo.string(), "-c", "user.name=t", "-c", "user.email=t@x"});
        ASSERT_EQ(run("git", a).code, 0);
    };
    git({"init", "-q"});
    git({"commit", "-q", "--allow-empty", "-m", "Versión 1.3.2"});
    git({"tag", "v1.3.2"});
    git({"commit", "-q", "--allow-empty", "-m", "Valida la CURP antes de inscribir"});
    git({"commit", "-q", "--allow-empty", "-m", "Nueva columna en alumnos"});
    git({"tag", "v1.4.0"});
}

// A failed deploy with rollback, as the pipeline would leave it.
void failed_deploy(Pipeline& p) {
    write_file(
        p.dir / "compuerta.yml",
        "window:\n  start: \"2026-12-01T02:00:00-06:00\"\n  end: \"2099-12-01T04:00:00-06:00\"\n"
        "  environment: produccion\n  release: v1.4.0\n"
        "plan:\n  roles:\n    lider: [\"Ana Pérez\"]\n    dba: [\"Luis Gómez\"]\n"
        "  rows:\n    - {id: \"3.5\", task: \"Visto bueno de la Dirección\", manual: true, role: "
        "lider}\n"
        "maintenance:\n  backend: file\n  flag_file: " +
            (p.dir / "maintenance.flag").string() + "\n");
    ASSERT_EQ(p.cmd("window", {"open"}).code, 0);
    ASSERT_EQ(p.cmd("signoff", {"1.2", "--by", "Ana Pérez", "--note", "equipo completo"}).code, 0);
    ASSERT_EQ(p.cmd("signoff", {"3.5", "--by", "Dirección"}).code, 0);
    ASSERT_EQ(p.cmd("maintenance", {"on"}).code, 0);
    p.other_areas({
        ev(1, "backup.done", "2.2", "ok",
           {{"manifest", "backups/produccion/manifest.json"},
            {"verified", true},
            {"duration_ms", 42000}}),
        ev(2, "migrate.done", "3", "ok", {{"applied", json::array({"2"})}}),
        ev(3, "deploy.start", "4", "started",
           {{"release", "v1.4.0"}, {"previous_release", "v1.3.2"}}),
        ev(4, "deploy.done", "5", "ok", {{"release", "v1.4.0"}, {"previous_release", "v1.3.2"}}),
        ev(5, "check", "6.1", "pass", {{"check", "db"}, {"duration_ms", 30}}),
        ev(6, "check", "6.3", "fail",
           {{"check", "inscripcion"},
            {"command", "smoke"},
            {"summary", "6.3 Transacción de inscripción: HTTP 500 en POST /inscripciones"},
            {"evidence", {{"junit", "reports/smoke.xml"}}}}),
        ev(7, "rollback.decision", "R1", "rollback", {{"reasons", json::array({"6.3 failed"})}}),
        ev(8, "rollback.restore", "R2", "ok", {{"manifest", "backups/produccion/manifest.json"}}),
        ev(9, "rollback.redeploy", "R3", "ok", {{"release", "v1.3.2"}}),
        ev(10, "rollback.verify", "R4", "ok"),
        ev(11, "rollback.done", "R1", "ok"),
    });
    std::ofstream(p.dir / "journal" / "4242-3-1.jsonl")
        << ev(12, "check", "6.4", "pass").dump() << "\n{\"ts\": broken\n";
    ASSERT_EQ(p.cmd("maintenance", {"off"}).code, 0);
}

} // namespace

TEST(WindowPipeline, ChecklistAndPostmortemFromTheJournal) {
    Pipeline p;
    ASSERT_NO_FATAL_FAILURE(failed_deploy(p));
    make_repo(p.dir / "repo");
    test::Run md = p.cmd("checklist", {"--postmortem", "--repo", (p.dir / "repo").string()});
    ASSERT_EQ(md.code, 0) << md.err;
    const std::string& o = md.out;
    for (const char* part : {
             "| 1.2. Confirmar la disponibilidad del equipo de despliegue | Todos | [x] hecho |",
             "Ana Pérez |  | 1.2 Confirmar la disponibilidad del equipo de despliegue: aprobado "
             "por Ana Pérez<br>“equipo completo” |",
             "| 3.5. Visto bueno de la Dirección | Líder de Despliegue | [x] hecho |",
             "| 2.2. Realizar un backup completo de la base de datos de producción | DBA | [x] "
             "hecho |",
             "| 2 | Poner la aplicación en modo mantenimiento (si aplica) | Infraestructura | [x] "
             "hecho |",
             "| 3 | Ejecutar los scripts de migración de la base de datos (DDL/DML) | DBA | [x] "
             "hecho |",
             "| 4 | Desplegar los nuevos artefactos",
             "| 6.3. Realizar una transacción de prueba de cada tipo (inscripción, baja) | QA | "
             "[!] fallido |",
             "| 7.1. Desactivar el modo mantenimiento | Infraestructura | [x] hecho |",
             "| 2 | Restaurar Base de Datos: Restaurar el backup de la BD tomado antes del "
             "despliegue. | DBA | [x] hecho |",
             "| **Líder de Despliegue** | Ana Pérez |",
             "4242-3-1.jsonl:2: ",
             "HTTP 500 en POST /inscripciones",
             "## Commits entre las dos etiquetas (`v1.3.2..v1.4.0`)",
             "Valida la CURP antes de inscribir",
             "Nueva columna en alumnos",
             "**R2** rollback.restore `hecho`",
             "## Causa raíz",
         })
        EXPECT_NE(o.find(part), std::string::npos) << part << "\n---\n" << o;
    EXPECT_EQ(o.find("Versión 1.3.2\n"), std::string::npos) << "only commits between the tags";
    EXPECT_NE(md.err.find("4242-3-1.jsonl:2"), std::string::npos)
        << "corrupt line reported on stderr too";

    // English HTML to a file, written atomically; the rest of the journal rendered.
    test::Run html = p.cmd(
        "checklist", {"--format", "html", "--lang", "en", "-o", (p.dir / "report.html").string()});
    ASSERT_EQ(html.code, 0) << html.err;
    EXPECT_TRUE(html.out.empty());
    std::string page = read_file(p.dir / "report.html");
    EXPECT_NE(page.find("Production Deployment Plan and Checklist"), std::string::npos);
    EXPECT_NE(page.find("<svg"), std::string::npos);
    EXPECT_NE(page.find("[!] failed</span>"), std::string::npos);

    test::Run bad = p.cmd("checklist", {"--format", "pdf"});
    EXPECT_EQ(bad.code, 2);
    test::Run unwritable = p.cmd("checklist", {"-o", (p.dir / "no" / "such" / "dir.md").string()});
    EXPECT_EQ(unwritable.code, 2);
}

TEST(WindowPipeline, HtmlPostmortemRendersInHeadlessChromium) {
    std::string chromium;
    for (const char* c : {"/usr/bin/chromium", "/usr/bin/chromium-browser"})
        if (fs::exists(c))
            chromium = c;
    if (chromium.empty())
        GTEST_SKIP() << "chromium is not installed (scripts/deps/window.txt)";
    Pipeline p;
    ASSERT_NO_FATAL_FAILURE(failed_deploy(p));
    ASSERT_EQ(p.cmd("checklist", {"--postmortem", "--format", "html", "-o",
                                  (p.dir / "postmortem.html").string()})
                  .code,
              0);
    fs::path png = p.dir / "shot.png";
    test::Run shot =
        run(chromium,
            {"--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--hide-scrollbars", "--user-data-dir=" + (p.dir / "chromium-profile").string(),
             "--window-size=412,915", "--screenshot=" + png.string(),
             "file://" + (p.dir / "postmortem.html").string()},
            {{"HOME", p.dir.path().string()}}, p.dir.path(), 120);
    ASSERT_TRUE(fs::exists(png)) << shot.code << "\n" << shot.err;
    test::Run check = run(
        "python3", {std::string(COMPUERTA_SOURCE_DIR) + "/tests/fixtures/window/png_nonblank.py",
                    png.string()});
    EXPECT_EQ(check.code, 0) << "blank screenshot: " << check.out;
}

TEST(WindowPipeline, GatesWaitForTheirSignoffs) {
    WebhookReceiver web; // answers GET with 501: "not in maintenance" for status
    ASSERT_GT(web.port, 0);
    Pipeline p;
    write_file(p.dir / "compuerta.yml",
               fmt::format("plan:\n  signoffs:\n    maintenance: [\"1.2\"]\n"
                           "maintenance:\n  flag_file: {}\n  public_url: http://127.0.0.1:{}/\n",
                           (p.dir / "flag").string(), web.port));
    test::Run gated = p.cmd("maintenance", {"status", "--junit", (p.dir / "junit.xml").string()});
    EXPECT_EQ(gated.code, 4) << "waiting for a human decision, nothing failed\n"
                             << gated.out << gated.err;
    EXPECT_NE(gated.out.find("ESPERA"), std::string::npos) << gated.out;
    EXPECT_NE(gated.out.find("compuerta signoff 1.2 --by"), std::string::npos) << gated.out;
    EXPECT_NE(read_file(p.dir / "junit.xml").find("1.2 Aprobación registrada (sign-off)"),
              std::string::npos);
    ASSERT_EQ(p.cmd("signoff", {"1.2", "--by", "Ana Pérez"}).code, 0);
    test::Run open = p.cmd("maintenance", {"status"});
    EXPECT_EQ(open.code, 0) << open.out << open.err;
    EXPECT_NE(open.out.find("aprobado por Ana Pérez"), std::string::npos) << open.out;
}

TEST(WindowPipeline, BadInputIsNamedWithTheRightExitCode) {
    Pipeline p;
    test::Run unknown = p.cmd("signoff", {"8.8", "--by", "x"});
    EXPECT_EQ(unknown.code, 2);
    EXPECT_NE(unknown.err.find("\"8.8\" no es una fila del plan"), std::string::npos)
        << unknown.err;
    EXPECT_EQ(p.cmd("signoff", {"1.2"}).code, 2) << "--by is required";
    EXPECT_EQ(p.cmd("maintenance", {"sideways"}).code, 2);
    EXPECT_EQ(p.cmd("maintenance", {"status"}).code, 2) << "status needs a public URL";
    EXPECT_EQ(p.cmd("window", {"open", "--end", "mañana"}).code, 2);

    // Flag-file directory not usable (root writes anywhere, so: a file where the directory should
    // be): exit 2 before anything changes.
    write_file(p.dir / "not-a-dir", "x");
    test::Run ro =
        p.cmd("maintenance", {"on", "--flag-file", (p.dir / "not-a-dir" / "flag").string()});
    EXPECT_EQ(ro.code, 2) << ro.err;
    EXPECT_TRUE(p.cmd("checklist", {})
                    .out.find("| 2 | Poner la aplicación en modo mantenimiento (si aplica) | "
                              "Infraestructura | [ ] pendiente") != std::string::npos);
    test::Run missing_dir =
        p.cmd("maintenance", {"on", "--flag-file", (p.dir / "nope" / "flag").string()});
    EXPECT_EQ(missing_dir.code, 2);
    EXPECT_NE(missing_dir.err.find("maintenance.flag_file"), std::string::npos) << missing_dir.err;

    // An overrun window is journaled as warn, exit 0.
    test::Run late = p.cmd(
        "window", {"close", "--start", "2020-01-01T00:00:00Z", "--end", "2020-01-01T02:00:00Z"});
    EXPECT_EQ(late.code, 0);
    EXPECT_NE(late.err.find("se excedió"), std::string::npos);
    EXPECT_NE(late.out.find("la ventana se excedió"), std::string::npos);

    // A journal that does not exist yet, or is empty: every row open, said so.
    test::Run empty = p.cmd("checklist", {"--journal", (p.dir / "fresh").string()});
    EXPECT_EQ(empty.code, 0);
    EXPECT_NE(empty.out.find("La bitácora está vacía"), std::string::npos);
}
