// Man pages and bash completion generated from the registry of the one
// executable: every registered command, every flag it declares.
#include "core/cli/command_doc.hpp"
#include "core/cli/completion.hpp"
#include "core/cli/man_page.hpp"
#include "core/errors.hpp"
#include "core/messages/catalog.hpp"
#include "plugin/commands.hpp"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>
#include <unistd.h>

using namespace compuerta::core::cli;
namespace fs = std::filesystem;

namespace {

const Registry& registry() {
    return compuerta::plugin::commands();
}

std::string page_of(const Command& c) {
    std::ostringstream out;
    write_command_page(registry(), c, {"9.9.9", "2026-01-02"}, out);
    return out.str();
}

const FlagDoc* flag(const CommandDoc& d, const std::string& name) {
    for (const auto& f : d.flags)
        if (f.long_name == name)
            return &f;
    return nullptr;
}

} // namespace

TEST(ManPage, EveryCommandHasEveryFlagAndSection) {
    ASSERT_GE(registry().commands().size(), 19u);
    for (const auto& c : registry().commands()) {
        SCOPED_TRACE(c.name);
        std::string page = page_of(c);
        EXPECT_EQ(page.rfind(".TH \"" + roff_escape("COMPUERTA-"), 0), 0u);
        for (const char* section : {".SH NAME", ".SH SYNOPSIS", ".SH DESCRIPTION", ".SH OPTIONS",
                                    ".SH \"EXIT STATUS\"", ".SH \"SEE ALSO\""})
            EXPECT_NE(page.find(section), std::string::npos) << section;
        EXPECT_NE(page.find(roff_escape(program_name(c.name)) + " \\- "), std::string::npos);
        po::options_description own;
        if (c.options)
            c.options(own);
        po::options_description common = common_options(c);
        std::size_t flags = 0;
        for (const auto* d : {&own, &common})
            for (const auto& o : d->options()) {
                ++flags;
                EXPECT_NE(page.find("\\fB" + roff_escape("--" + o->long_name()) + "\\fR"),
                          std::string::npos)
                    << o->long_name();
            }
        EXPECT_GE(flags, 7u); // at least -c, --journal, -v, -q, --no-color, -h, --version
        EXPECT_NE(page.find("\\fB\\-c\\fR, \\fB\\-\\-config\\fR \\fIFILE\\fR"), std::string::npos);
    }
}

TEST(ManPage, ReportingFlagsOnlyWhereTheCommandReports) {
    const Command* signoff = registry().find("signoff");
    const Command* backup = registry().find("db backup");
    ASSERT_TRUE(signoff && backup);
    // Every command reports now (signoff too); a command declared without
    // `reports` would have no --junit on its page.
    Command quiet = *signoff;
    quiet.reports = false;
    EXPECT_EQ(page_of(quiet).find("\\-\\-junit"), std::string::npos);
    EXPECT_NE(page_of(*signoff).find("\\fB\\-\\-json\\fR \\fIFILE\\fR"), std::string::npos);
    EXPECT_NE(page_of(*backup).find("\\fB\\-\\-junit\\fR \\fIFILE\\fR"), std::string::npos);
    // The group's other commands in SEE ALSO.
    EXPECT_NE(page_of(*backup).find(".BR compuerta\\-db\\-restore (1)"), std::string::npos);
}

TEST(ManPage, WritesOnePagePerCommandAndTheMainPage) {
    fs::path dir = fs::temp_directory_path() / ("compuerta-man-" + std::to_string(getpid()));
    fs::remove_all(dir);
    auto written = write_man_pages(registry(), dir, {"9.9.9", ""});
    EXPECT_EQ(written.size(), registry().commands().size() + registry().externals().size() + 1);
    std::ifstream main_page(dir / "compuerta.1");
    std::string text((std::istreambuf_iterator<char>(main_page)), {});
    for (const auto& c : registry().commands()) {
        EXPECT_TRUE(fs::exists(dir / (program_name(c.name) + ".1"))) << c.name;
        EXPECT_NE(text.find(".BR " + roff_escape(program_name(c.name)) + " (1)"), std::string::npos)
            << c.name;
    }
    EXPECT_TRUE(fs::exists(dir / "compuerta-renapo-sim.1"));
    EXPECT_NE(text.find(".B completion bash"), std::string::npos);
    fs::remove_all(dir);
    EXPECT_THROW(write_man_pages(registry(), "/proc/compuerta-no/man1", {"1", ""}),
                 compuerta::core::UsageError);
}

// --lang es: every heading and text from the catalog's Spanish; no English
// sentence of the page's frame left.
TEST(ManPage, SpanishPagesReadInSpanish) {
    namespace msg = compuerta::core::msg;
    msg::set_current(msg::Lang::es);
    const Command* backup = registry().find("db backup");
    ASSERT_TRUE(backup);
    std::string page = page_of(*backup);
    std::ostringstream main_out;
    write_main_page(registry(), {"9.9.9", ""}, main_out);
    msg::set_current(msg::Lang::en);
    for (const char* heading :
         {".SH NOMBRE", ".SH SINOPSIS", ".SH DESCRIPCI\\[u00D3]N", ".SH OPCIONES",
          ".SS \"Opciones comunes\"", ".SH \"ESTADO DE SALIDA\"",
          ".SH \"V\\[u00C9]ASE TAMBI\\[u00C9]N\""})
        EXPECT_NE(page.find(heading), std::string::npos) << heading << "\n" << page;
    EXPECT_NE(page.find("manual de compuerta"), std::string::npos);
    EXPECT_NE(page.find(roff_escape("Error de uso o de configuración")), std::string::npos);
    EXPECT_NE(page.find(roff_escape("Si aplican varios: 2 sobre 1")), std::string::npos);
    for (const char* english : {"EXIT STATUS", "Every check passed", "When several apply",
                                "(default:", "Common options", "compuerta manual"})
        EXPECT_EQ(page.find(english), std::string::npos) << english;
    const std::string main_page = main_out.str();
    for (const char* text : {".SH \"OPCIONES COMUNES\"", ".SH ENTORNO", ".SH \\[u00D3]RDENES"})
        EXPECT_NE(main_page.find(text), std::string::npos) << text;
    EXPECT_NE(main_page.find(roff_escape("archivo de configuración cuando no se da -c")),
              std::string::npos);
    EXPECT_EQ(main_page.find("deployment-plan gates"), std::string::npos);
}

TEST(ManPage, RoffEscaping) {
    EXPECT_EQ(roff_escape("--dry-run"), "\\-\\-dry\\-run");
    EXPECT_EQ(roff_escape(".hidden and 'quoted'"), "\\&.hidden and \\(aqquoted\\(aq");
    EXPECT_EQ(roff_escape("a\\b `x`"), "a\\eb \\(gax\\(ga");
    EXPECT_EQ(roff_escape("inscripción — baja"), "inscripci\\[u00F3]n \\[u2014] baja");
    EXPECT_EQ(roff_escape("bad \xC3"), "bad \\[uFFFD]");
}

TEST(CommandDoc, ValueKindsFromUsageAndOptions) {
    CommandDoc checklist = describe(*registry().find("checklist"));
    const FlagDoc* format = flag(checklist, "--format");
    ASSERT_TRUE(format);
    EXPECT_EQ(format->kind, ValueKind::choice);
    EXPECT_EQ(format->choices, (std::vector<std::string>{"md", "html"}));
    EXPECT_EQ(format->default_value, "md");
    const FlagDoc* output = flag(checklist, "--output");
    ASSERT_TRUE(output);
    EXPECT_EQ(output->short_name, "-o");
    EXPECT_EQ(output->kind, ValueKind::file);
    const FlagDoc* postmortem = flag(checklist, "--postmortem");
    ASSERT_TRUE(postmortem);
    EXPECT_EQ(postmortem->kind, ValueKind::none);
    EXPECT_EQ(flag(checklist, "--journal")->kind, ValueKind::dir);
    EXPECT_TRUE(flag(checklist, "--journal")->common);

    CommandDoc signoff = describe(*registry().find("signoff"));
    ASSERT_EQ(signoff.args.size(), 1u);
    EXPECT_EQ(signoff.args[0].kind, ValueKind::item);
    CommandDoc window = describe(*registry().find("window"));
    ASSERT_EQ(window.args.size(), 1u);
    EXPECT_EQ(window.args[0].choices, (std::vector<std::string>{"open", "close"}));
    EXPECT_EQ(flag(describe(*registry().find("smoke")), "--only")->kind, ValueKind::item);
}

TEST(Completion, TablesFollowTheDeclarations) {
    std::ostringstream out;
    write_bash_completion(registry(), out);
    std::string s = out.str();
    EXPECT_NE(s.find("'db') echo 'backup migrate restore status snapshot' ;;"), std::string::npos)
        << s.substr(0, 2000);
    EXPECT_NE(s.find("'checklist|--format') echo 'words md html' ;;"), std::string::npos);
    EXPECT_NE(s.find("'signoff|0') echo 'words 1.1 1.2"), std::string::npos);
    EXPECT_NE(s.find("'compuerta-db-backup') echo 'db backup' ;;"), std::string::npos);
    EXPECT_NE(s.find("complete -F _compuerta compuerta compuerta-"), std::string::npos);
}

TEST(Builtins, CompletionAndManRunWithoutConfigOrJournal) {
    fs::path dir = fs::temp_directory_path() / ("compuerta-builtins-" + std::to_string(getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    fs::path before = fs::current_path();
    fs::current_path(dir);
    std::ostringstream out, err;
    int code =
        registry().run({"compuerta", "completion", "bash"}, out, err, compuerta::core::Adapters{});
    EXPECT_EQ(code, 0) << err.str();
    EXPECT_EQ(out.str().rfind("# bash completion for compuerta(1)", 0), 0u);
    std::ostringstream out2, err2;
    EXPECT_EQ(registry().run({"compuerta", "help", "--man", "pages"}, out2, err2,
                             compuerta::core::Adapters{}),
              0)
        << err2.str();
    EXPECT_TRUE(fs::exists(dir / "pages" / "compuerta-smoke.1"));
    // Neither loads a configuration nor opens the journal.
    EXPECT_FALSE(fs::exists(dir / "compuerta-journal"));
    std::ostringstream out3, err3;
    EXPECT_EQ(registry().run({"compuerta", "completion", "fish"}, out3, err3,
                             compuerta::core::Adapters{}),
              2);
    EXPECT_NE(err3.str().find("compuerta completion bash"), std::string::npos) << err3.str();
    std::ostringstream out4, err4;
    EXPECT_EQ(
        registry().run({"compuerta", "help", "--man"}, out4, err4, compuerta::core::Adapters{}), 2);
    EXPECT_NE(err4.str().find("help --man DIR"), std::string::npos) << err4.str();
    std::ostringstream out5, err5;
    EXPECT_EQ(registry().run({"compuerta", "help", "completion"}, out5, err5,
                             compuerta::core::Adapters{}),
              0)
        << err5.str();
    EXPECT_NE(out5.str().find("Usage: compuerta completion bash"), std::string::npos);
    fs::current_path(before);
    fs::remove_all(dir);
}
