// One language per output (issue 12): the checklist, the post-mortem and the
// notifications render in the language asked for, whatever language the
// commands that wrote the journal ran in — events are told from their fields
// through the catalog (po/<lang>/window.po), never by copying their stored
// sentence when they carry the facts.
#include "core/events.hpp"
#include "core/messages/said.hpp"
#include "core/util/local_time.hpp"
#include "plugin/window/checklist.hpp"
#include "plugin/window/notify.hpp"
#include "plugin/window/text.hpp"
#include "plugin/window/timeline_svg.hpp"

#include <gtest/gtest.h>

using namespace compuerta;
using namespace compuerta::plugin::window;
using nlohmann::json;

namespace {

json line(const char* ts, const char* event, const char* item, const char* status,
          const char* summary) {
    return {{"ts", ts},
            {"event", event},
            {"item", item},
            {"status", status},
            {"actor", "ci"},
            {"summary", summary},
            {"evidence", json::object()},
            {"_file", "a.jsonl"},
            {"_line", 1}};
}

// A rolled-back deployment whose journal says things in the wrong language
// for either reader: English sentences of a Spanish run (the demo's), Spanish
// ones of an English run.
std::vector<json> rolled_back_journal() {
    std::vector<json> evs;
    json open = line("2026-12-01T08:00:00Z", "window.open", "1", "ok",
                     "ventana de mantenimiento iniciada (v1.4.0 en produccion; planeada ...)");
    open["window"] = {{"start", "2026-12-01T08:00:00Z"},
                      {"end", "2026-12-01T10:00:00Z"},
                      {"environment", "produccion"},
                      {"release", "v1.4.0"}};
    evs.push_back(open);
    json notice = line(
        "2026-12-01T08:00:30Z", "notify", "1.1", "ok",
        "aviso \"[produccion] Ventana de mantenimiento para v1.4.0\" enviado por chat (HTTP 200)");
    notice["channel"] = "chat";
    notice["kind"] = "window";
    evs.push_back(notice);
    json on = line("2026-12-01T08:01:00Z", "maintenance.on", "2", "ok",
                   "modo mantenimiento activado (creado /srv/flag)");
    on["backend"] = "file";
    on["evidence"] = {{"changed", "true"}, {"target", "/srv/flag"}};
    evs.push_back(on);
    json backup =
        line("2026-12-01T08:02:00Z", "backup.done", "2.2", "ok",
             "muses backed up and verified: 1.0 MiB in 7 files; manifest b/manifest.json");
    backup["database"] = "muses";
    backup["verified"] = true;
    backup["bytes"] = 1048576;
    backup["manifest"] = "b/manifest.json";
    evs.push_back(backup);
    json migrate = line("2026-12-01T08:03:00Z", "migrate.done", "3", "ok",
                        "muses migrated from version 3 to 6 (3 migration(s))");
    migrate["database"] = "muses";
    migrate["applied"] = {"4", "5", "6"};
    migrate["from_version"] = "3";
    migrate["to_version"] = "6";
    evs.push_back(migrate);
    json start = line("2026-12-01T08:05:00Z", "deploy.start", "4", "started",
                      "Deploying v1.4.0 to produccion (replaces v1.3.2)");
    start["release"] = "v1.4.0";
    start["previous_release"] = "v1.3.2";
    start["environment"] = "produccion";
    evs.push_back(start);
    json done =
        line("2026-12-01T08:09:00Z", "deploy.done", "5", "ok", "v1.4.0 deployed and healthy");
    done["release"] = "v1.4.0";
    evs.push_back(done);
    json failed = line("2026-12-01T08:10:00Z", "check", "6.3", "fail", "6.3 Inscripción: HTTP 500");
    failed["check"] = "inscripcion";
    evs.push_back(failed);
    json decision = line("2026-12-01T08:11:00Z", "rollback.decision", "R1", "rollback",
                         "6.3 Inscripción y baja (SQL, revertida) failed (smoke.xml)");
    decision["reasons"] = {"6.3 Inscripción y baja (SQL, revertida) failed (smoke.xml)"};
    evs.push_back(decision);
    json restore = line("2026-12-01T08:12:00Z", "rollback.restore", "R2", "ok",
                        "Restaurar base de datos: compuerta-db-restore finished");
    restore["manifest"] = "b/manifest.json";
    evs.push_back(restore);
    json redeploy =
        line("2026-12-01T08:13:00Z", "rollback.redeploy", "R3", "ok",
             "Desplegar la versión anterior v1.3.2: v1.3.2 desplegada de nuevo y sana (5 paso(s))");
    redeploy["release"] = "v1.3.2";
    redeploy["replaced"] = "v1.4.0";
    evs.push_back(redeploy);
    evs.push_back(line("2026-12-01T08:14:00Z", "rollback.verify", "R4", "ok",
                       "Verify the previous release (smoke): 7 check(s) passed"));
    json sent =
        line("2026-12-01T08:15:00Z", "notify", "R5", "ok",
             "notice \"[produccion] Deployment of v1.4.0 rolled back\" sent via chat (HTTP 200)");
    sent["channel"] = "chat";
    sent["kind"] = "rollback";
    evs.push_back(sent);
    json end = line("2026-12-01T08:16:00Z", "rollback.done", "R1", "ok",
                    "Rollback finished: the previous release is healthy");
    end["exit_code"] = 0;
    evs.push_back(end);
    return evs;
}

ChecklistInput input(Lang lang, bool postmortem) {
    core::JournalRead read;
    read.events = rolled_back_journal();
    ChecklistInput in;
    in.rows = builtin_plan();
    in.record = build_record(read);
    in.lang = lang;
    in.postmortem = postmortem;
    core::parse_rfc3339("2026-12-01T09:00:00Z", in.generated);
    in.commits_note = tx(lang, "window.commits.none");
    return in;
}

// The journal's own text of the check (6.3 ... HTTP 500) is the one stored
// sentence the window copies: a check's message has no fields to tell it from.
std::string without_check_lines(const std::string& text) {
    std::string out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t nl = text.find('\n', pos);
        std::string l = text.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
        if (l.find("HTTP 500") == std::string::npos)
            out += l + "\n";
        pos = nl == std::string::npos ? text.size() : nl + 1;
    }
    return out;
}

const char* const k_english[] = {
    " the ",    " was ",   " and ",     " of ",   "failed", "finished",  "migration",
    "deployed", "healthy", "backed up", "notice", "(s)",    "Deploying", "Rollback finished",
    "passed"};
const char* const k_spanish[] = {
    " el ",     " la ",    " de ",       " y ",       " que ", " en ",      "ventana", "aviso",
    "activado", "migrada", "desplegada", "Restaurar", "hecho", "pendiente", "paso",    "(s)"};

} // namespace

TEST(WindowLanguage, ASpanishChecklistAndPostmortemHoldNoEnglishProse) {
    for (bool postmortem : {false, true}) {
        std::string md = without_check_lines(render_markdown(input(Lang::es, postmortem)));
        for (const char* word : k_english)
            EXPECT_EQ(md.find(word), std::string::npos) << word << "\n" << md;
        for (const char* part :
             {"ventana de mantenimiento iniciada (v1.4.0 en produccion; planeada",
              "modo mantenimiento activado (/srv/flag)", "muses respaldada y verificada: 1.0 MiB",
              "muses migrada de la versión 3 a la 6 (3 migraciones)",
              "aviso de ventana de mantenimiento enviado por chat",
              "Rollback decidido (1 motivo, ver las verificaciones fallidas)"})
            EXPECT_NE(md.find(part), std::string::npos) << part << "\n" << md;
        if (!postmortem)
            continue;
        for (const char* part :
             {"Restaurar base de datos: restaurada desde b/manifest.json",
              "Desplegar la versión anterior v1.3.2: v1.3.2 desplegada de nuevo y sana",
              "Rollback terminado: la versión anterior está sana", "| hecho |", "`hecho`"})
            EXPECT_NE(md.find(part), std::string::npos) << part << "\n" << md;
    }
}

TEST(WindowLanguage, AnEnglishChecklistAndPostmortemHoldNoSpanishProse) {
    for (bool postmortem : {false, true}) {
        ChecklistInput in = input(Lang::en, postmortem);
        std::string md = without_check_lines(render_markdown(in));
        // The plan's Spanish names of the team and data values are not prose of ours.
        for (const char* word : k_spanish)
            EXPECT_EQ(md.find(word), std::string::npos) << word << "\n" << md;
        for (const char* part : {"maintenance window opened (v1.4.0 in produccion; planned",
                                 "muses migrated from version 3 to 6 (3 migrations)", "[x] done"})
            EXPECT_NE(md.find(part), std::string::npos) << part << "\n" << md;
        std::string html = render_html(in);
        EXPECT_NE(html.find("<html lang=\"en\">"), std::string::npos);
        EXPECT_EQ(html.find("Restaurar"), std::string::npos);
    }
}

TEST(WindowLanguage, CountsTakeRealPluralForms) {
    auto migrated = [](Lang lang, std::vector<std::string> applied) {
        json ev = line("2026-12-01T08:03:00Z", "migrate.done", "3", "ok", "");
        ev["database"] = "muses";
        ev["applied"] = applied;
        ev["from_version"] = "3";
        ev["to_version"] = "4";
        return event_summary(ev, lang, builtin_plan());
    };
    EXPECT_EQ(migrated(Lang::es, {"4"}), "muses migrada de la versión 3 a la 4 (1 migración)");
    EXPECT_EQ(migrated(Lang::es, {"4", "5"}),
              "muses migrada de la versión 3 a la 4 (2 migraciones)");
    EXPECT_EQ(migrated(Lang::en, {"4"}), "muses migrated from version 3 to 4 (1 migration)");
    EXPECT_EQ(migrated(Lang::en, {"4", "5"}), "muses migrated from version 3 to 4 (2 migrations)");
}

TEST(WindowLanguage, AnEventWithoutItsFieldsKeepsItsStoredSentence) {
    // A journal written before the fields existed still renders, as it was written.
    json ev = line("2026-12-01T08:01:00Z", "maintenance.on", "2", "ok",
                   "modo mantenimiento activado (creado /srv/flag)");
    EXPECT_EQ(event_summary(ev, Lang::en, builtin_plan()),
              "modo mantenimiento activado (creado /srv/flag)");
    json check = line("2026-12-01T08:01:00Z", "check", "6.1", "pass", "6.1 DB: connected");
    EXPECT_EQ(event_summary(check, Lang::es, builtin_plan()), "6.1 DB: connected");
}

TEST(WindowLanguage, TheRollbackNotificationSaysItsResultInOneLanguage) {
    // While the rollback runs (R5 comes before rollback.done): the decision's
    // English reasons are not copied; what failed and what was restored are told.
    std::vector<json> evs = rolled_back_journal();
    evs.erase(evs.begin() + 12, evs.end()); // up to rollback.verify
    MessageFacts f;
    f.kind = "rollback";
    f.item = "R5";
    f.release = "v1.4.0";
    f.environment = "produccion";
    f.window_start = "2026-12-01T08:00:00Z";
    f.window_end = "2026-12-01T10:00:00Z";
    f.result = rollback_result(evs, Lang::es);
    EXPECT_EQ(f.result, "v1.3.2 restaurada y verificada tras el fallo de 6.3");
    Message es = build_message(builtin_template("rollback", Lang::es), f);
    EXPECT_NE(es.body.find("Resultado: v1.3.2 restaurada y verificada tras el fallo de 6.3"),
              std::string::npos)
        << es.body;
    for (const char* word : {" the ", "failed", "finished", "smoke.xml", "Report:"})
        EXPECT_EQ(es.subject.find(word) == std::string::npos &&
                      es.body.find(word) == std::string::npos,
                  true)
            << word << "\n"
            << es.subject << "\n"
            << es.body;
    f.result = rollback_result(evs, Lang::en);
    f.lang = Lang::en;
    Message en = build_message(builtin_template("rollback", Lang::en), f);
    EXPECT_NE(en.body.find("Result: v1.3.2 restored and verified after 6.3 failed"),
              std::string::npos)
        << en.body;
    for (const char* word : {" el ", " la ", "falló", "revertido", "Resultado", "Reporte"})
        EXPECT_EQ(en.subject.find(word) == std::string::npos &&
                      en.body.find(word) == std::string::npos,
                  true)
            << word << "\n"
            << en.subject << "\n"
            << en.body;
    f.pipeline_url = "https://ci.example/p/1";
    f.report_url = "https://ci.example/p/1/checklist.html";
    auto teams = json::parse(webhook_payload("teams", en, f));
    EXPECT_EQ(teams["potentialAction"][1]["name"], "Report");
    f.lang = Lang::es;
    teams = json::parse(webhook_payload("teams", es, f));
    EXPECT_EQ(teams["potentialAction"][1]["name"], "Reporte");
    // Finished, waiting for approval, not finished: each said as such.
    EXPECT_EQ(rollback_result(rolled_back_journal(), Lang::es),
              "rollback terminado tras el fallo de 6.3: v1.3.2 está sana");
    std::vector<json> waiting(evs.begin(), evs.begin() + 9);
    waiting.back()["status"] = "approval";
    EXPECT_NE(rollback_result(waiting, Lang::en).find("waiting for a person's approval"),
              std::string::npos);
    std::vector<json> broken = rolled_back_journal();
    broken.back()["status"] = "fail";
    broken.back()["exit_code"] = 3;
    EXPECT_EQ(
        rollback_result(broken, Lang::en),
        "the rollback did not finish (exit 3): maintenance may still be on; see the pipeline");
}

TEST(WindowLanguage, TheWindowAndSuccessNoticesAreInTheAskedLanguage) {
    MessageFacts f;
    f.release = "v1.4.0";
    f.environment = "produccion";
    for (const char* kind : {"window", "success"}) {
        f.kind = kind;
        f.result = tx(Lang::es, std::string("window.notify.result.") + kind);
        Message es = build_message(builtin_template(kind, Lang::es), f);
        for (const char* word : {" the ", " will ", "Report:", "Status:", "Result:", "succeeded"})
            EXPECT_EQ(es.body.find(word), std::string::npos) << word << "\n" << es.body;
        f.result = tx(Lang::en, std::string("window.notify.result.") + kind);
        Message en = build_message(builtin_template(kind, Lang::en), f);
        for (const char* word :
             {" el ", " la ", "Reporte", "Estado:", "Resultado:", "exitoso", "ventana"})
            EXPECT_EQ((en.subject + en.body).find(word), std::string::npos) << word << "\n"
                                                                            << en.body;
    }
}

// A check's result is stored with what it means (its name's and message's ids
// and parameters, core/messages/said.hpp): a Spanish run's check reads in
// English, and a piece no message produced stays as it was written.
TEST(WindowLanguage, ACheckOfASpanishRunReadsInEnglishFromWhatItMeant) {
    std::string name = core::msg::text(Lang::es, "smoke.postgres.name");
    std::string message = core::msg::text(Lang::es, "smoke.postgres.connected",
                                          {{"version", "15.8"}, {"host", "db.local"}, {"database", "muses"},
                                           {"connect_ms", 25}, {"query_ms", 0}});
    json check = line("2026-12-01T08:01:00Z", "check", "6.1", "pass", ("6.1 " + name + ": " + message).c_str());
    check["said"] = core::msg::said({"6.1 ", name, ": ", message});
    EXPECT_EQ(event_summary(check, Lang::en, builtin_plan()),
              "6.1 Database connection: PostgreSQL 15.8 at db.local (database muses): connected in 25 ms, "
              "query in 0 ms");
    EXPECT_EQ(event_summary(check, Lang::es, builtin_plan()), "6.1 " + name + ": " + message);

    // A journal line as the journal writes it (JSON text), read back.
    json read = json::parse(check.dump());
    EXPECT_EQ(event_summary(read, Lang::en, builtin_plan()).rfind("6.1 Database connection: PostgreSQL", 0), 0u);

    // A message from outside the catalog (a server's own words) stays as it was.
    json foreign = line("2026-12-01T08:02:00Z", "check", "6.2", "fail", "6.2 x");
    foreign["said"] = core::msg::said({"6.2 ", name, ": ", "respuesta inesperada del servidor"});
    EXPECT_EQ(event_summary(foreign, Lang::en, builtin_plan()),
              "6.2 Database connection: respuesta inesperada del servidor");
}

// Times a person reads are in the configured timezone (issue 12 item 4); the
// journal and the JSON payloads keep RFC 3339.
TEST(WindowLanguage, NotificationsAndTheWindowSayLocalTime) {
    ASSERT_TRUE(core::util::set_display_zone("America/Mexico_City"));
    MessageFacts f;
    f.kind = "window";
    f.window_start = "2026-12-01T08:00:00Z";
    f.window_end = "2026-12-01T10:00:00Z";
    Message m = build_message(MessageTemplate{"{window_start} – {window_end}", "{window_start}"}, f);
    EXPECT_EQ(m.subject, "2026-12-01 02:00 CST – 2026-12-01 04:00 CST");
    core::events::WindowInfo w;
    w.start = "2026-12-01T08:00:00Z";
    w.end = "not a time";
    std::string said = window_event_text(w, 0, true, Lang::es);
    EXPECT_NE(said.find("2026-12-01 02:00 CST – not a time"), std::string::npos) << said;
    // The post-mortem's timeline too: its day, zone and ticks (the journal's 08:00Z is 02:00 CST).
    std::string svg = render_timeline_svg(input(Lang::es, true));
    EXPECT_NE(svg.find(">2026-12-01 (CST)</text>"), std::string::npos) << svg;
    EXPECT_NE(svg.find(">02:0"), std::string::npos) << svg;
    EXPECT_EQ(svg.find(">08:0"), std::string::npos) << svg;
    ASSERT_TRUE(core::util::set_display_zone("UTC"));
}
