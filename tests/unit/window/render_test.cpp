// Checklist rendering: Markdown, HTML and the SVG timeline.
#include "plugin/window/checklist.hpp"
#include "plugin/window/timeline_svg.hpp"

#include <gtest/gtest.h>

using namespace compuerta;
using namespace compuerta::plugin::window;
using nlohmann::json;

namespace {

ChecklistInput failed_deploy(Lang lang, bool postmortem) {
    core::JournalRead read;
    std::vector<json> evs = {
        {{"ts", "2026-12-01T08:00:00Z"},
         {"event", "window.open"},
         {"item", "1"},
         {"status", "ok"},
         {"actor", "lider"},
         {"window",
          {{"start", "2026-12-01T08:00:00Z"},
           {"end", "2026-12-01T10:00:00Z"},
           {"environment", "produccion"},
           {"release", "v1.4.0"}}}},
        {{"ts", "2026-12-01T08:01:00Z"},
         {"event", "maintenance.on"},
         {"item", "2"},
         {"status", "ok"},
         {"actor", "ci"}},
        {{"ts", "2026-12-01T08:02:00Z"},
         {"event", "backup.done"},
         {"item", "2.2"},
         {"status", "ok"},
         {"duration_ms", 61000},
         {"manifest", "backups/v1.4.0/manifest.json"}},
        {{"ts", "2026-12-01T08:05:00Z"},
         {"event", "deploy.start"},
         {"item", "4"},
         {"status", "started"},
         {"release", "v1.4.0"},
         {"previous_release", "v1.3.2"}},
        {{"ts", "2026-12-01T08:09:00Z"}, {"event", "deploy.done"}, {"item", "5"}, {"status", "ok"}},
        {{"ts", "2026-12-01T08:10:00Z"},
         {"event", "check"},
         {"item", "6.3"},
         {"check", "inscripcion"},
         {"status", "fail"},
         {"command", "smoke"},
         {"summary", "6.3 Transacción de inscripción: HTTP 500 en /inscripciones"},
         {"evidence", {{"junit", "reports/smoke.xml"}, {"status_code", "500"}}},
         {"_file", "a.jsonl"},
         {"_line", 6}},
        {{"ts", "2026-12-01T08:11:00Z"},
         {"event", "rollback.decision"},
         {"item", "R1"},
         {"status", "rollback"},
         {"summary", "6.3 falló: rollback"}},
        {{"ts", "2026-12-01T08:15:00Z"},
         {"event", "rollback.restore"},
         {"item", "R2"},
         {"status", "ok"},
         {"summary", "base restaurada"}},
    };
    read.events = evs;
    read.problems = {"j/b.jsonl:3: not a JSON object; line skipped"};
    ChecklistInput in;
    in.rows = builtin_plan();
    in.record = build_record(read);
    in.lang = lang;
    in.postmortem = postmortem;
    in.people = {{"lider", {"Ana Pérez"}}, {"dba", {"Luis <DBA> & co"}}};
    core::parse_rfc3339("2026-12-01T09:00:00Z", in.generated);
    in.commits = {"abc1234 Corrige validación de CURP"};
    return in;
}

} // namespace

TEST(WindowRender, MarkdownShowsEveryTableRowWithStatusWhenWhoAndEvidence) {
    std::string md = render_markdown(failed_deploy(Lang::es, false));
    EXPECT_NE(md.find("## 3. Checklist de Pre-Despliegue"), std::string::npos);
    EXPECT_NE(md.find("## 4. Plan de Ejecución del Despliegue"), std::string::npos);
    EXPECT_NE(md.find("## 5. Plan de Rollback (Contingencia)"), std::string::npos);
    EXPECT_NE(
        md.find(
            "| 2.2. Realizar un backup completo de la base de datos de producción | DBA | [x] "
            "hecho | "
            "2026-12-01 08:02:00 UTC |  | 1 min 1 s | [manifest](backups/v1.4.0/manifest.json) |"),
        std::string::npos)
        << md;
    EXPECT_NE(md.find("6.3. Realizar una transacción de prueba de cada tipo (inscripción, baja) | "
                      "QA | [!] fallido"),
              std::string::npos);
    EXPECT_NE(md.find("[junit](reports/smoke.xml)"), std::string::npos);
    EXPECT_NE(md.find("| 1.1. Notificar a los stakeholders sobre la ventana de mantenimiento | "
                      "Líder de Despliegue | [ ] pendiente"),
              std::string::npos);
    EXPECT_NE(md.find("`j/b.jsonl:3: not a JSON object; line skipped`"), std::string::npos)
        << "corrupt line named";
    EXPECT_NE(md.find("| **Líder de Despliegue** | Ana Pérez |"), std::string::npos);
    EXPECT_EQ(md.find("Post-mortem"), std::string::npos);
}

TEST(WindowRender, PostmortemHasTimelineFailedChecksCommitsRollbackAndHeadings) {
    std::string md = render_markdown(failed_deploy(Lang::es, true));
    for (const char* part :
         {"# Post-mortem del despliegue", "## Línea de tiempo", "## Verificaciones fallidas",
          "HTTP 500 en /inscripciones", "status_code: 500", "_a.jsonl:6_",
          "## Commits entre las dos etiquetas (`v1.3.2..v1.4.0`)",
          "- abc1234 Corrige validación de CURP", "## Lo que hizo el rollback",
          "**R2** rollback.restore `hecho` — Restaurar base de datos: hecho", "## Causa raíz",
          "## Acciones"})
        EXPECT_NE(md.find(part), std::string::npos) << part;
    // R6 is in progress while the post-mortem is written.
    EXPECT_NE(md.find("[~] en curso"), std::string::npos);
}

TEST(WindowRender, EnglishUsesEnglishTextAndLabels) {
    std::string md = render_markdown(failed_deploy(Lang::en, true));
    EXPECT_NE(md.find("Take a full backup of the production database | DBA | [x] done"),
              std::string::npos);
    EXPECT_NE(md.find("## Root cause"), std::string::npos);
    EXPECT_EQ(md.find("pendiente"), std::string::npos);
}

TEST(WindowRender, HtmlIsSelfContainedEscapedAndLabelsEveryColour) {
    std::string html = render_html(failed_deploy(Lang::es, true));
    EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
    EXPECT_NE(html.find("name=\"viewport\""), std::string::npos) << "readable on a phone";
    EXPECT_NE(html.find("@media (max-width:640px)"), std::string::npos);
    // No external asset: no script, stylesheet link, image or font from elsewhere.
    for (const char* bad : {"<script", "<link", "<img", "@import", "url(", "src="})
        EXPECT_EQ(html.find(bad), std::string::npos) << bad;
    EXPECT_NE(html.find("<svg"), std::string::npos);
    EXPECT_NE(html.find("<span class=\"badge s-failed\">[!] fallido</span>"), std::string::npos);
    EXPECT_NE(html.find("<span class=\"badge s-done\">[x] hecho</span>"), std::string::npos);
    EXPECT_NE(html.find("Luis &lt;DBA&gt; &amp; co"), std::string::npos);
    EXPECT_EQ(html.find("<DBA>"), std::string::npos);
    EXPECT_NE(html.find("<a href=\"backups/v1.4.0/manifest.json\">manifest</a>"),
              std::string::npos);
}

TEST(WindowRender, TimelineDrawsABarPerStepAndTheRollbackBand) {
    ChecklistInput in = failed_deploy(Lang::es, false);
    std::string svg = render_timeline_svg(in);
    EXPECT_EQ(svg.rfind("<svg", 0), 0u);
    EXPECT_NE(svg.find(">Rollback</text>"), std::string::npos);
    // Rows by their plan names; a failure in red, in bold, with its state.
    EXPECT_NE(
        svg.find(
            "fill=\"#c62828\" font-weight=\"bold\">6.3 Realizar una transacción de prueba…</text>"),
        std::string::npos)
        << svg;
    EXPECT_NE(svg.find("font-weight=\"bold\">✕ fallido</text>"), std::string::npos) << svg;
    EXPECT_NE(svg.find(">R2 Restaurar Base de Datos</text>"), std::string::npos) << svg;
    EXPECT_NE(svg.find(">hecho</text>"), std::string::npos) << svg;
    EXPECT_NE(svg.find(state_colour(RowState::failed)), std::string::npos);
    // A readable time axis: the day once, ticks every 5 minutes from 08:00 to 08:15.
    EXPECT_NE(svg.find(">2026-12-01 (UTC)</text>"), std::string::npos) << svg;
    for (const char* tick : {">08:00</text>", ">08:05</text>", ">08:10</text>", ">08:15</text>"})
        EXPECT_NE(svg.find(tick), std::string::npos) << tick << "\n" << svg;
    EXPECT_EQ(svg.find(">08:01</text>"), std::string::npos);
    // Open rows get no bar.
    EXPECT_EQ(svg.find(">7.2 "), std::string::npos);
    ChecklistInput empty;
    empty.rows = builtin_plan();
    EXPECT_EQ(render_timeline_svg(empty), "");
}

TEST(WindowRender, EmptyJournalSaysSo) {
    ChecklistInput in;
    in.rows = builtin_plan();
    std::string md = render_markdown(in);
    EXPECT_NE(md.find("The journal is empty"), std::string::npos)
        << "English unless a language is chosen";
    EXPECT_NE(md.find("[ ] open"), std::string::npos);
    EXPECT_EQ(md.find("[x]"), std::string::npos);
    in.lang = Lang::es;
    md = render_markdown(in);
    EXPECT_NE(md.find("La bitácora está vacía"), std::string::npos);
    EXPECT_NE(md.find("[ ] pendiente"), std::string::npos);
}
