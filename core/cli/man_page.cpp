#include "core/cli/man_page.hpp"

#include "core/cli/command_doc.hpp"
#include "core/errors.hpp"
#include "core/messages/catalog.hpp"
#include "core/util/text.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <fstream>
#include <functional>
#include <ostream>

namespace compuerta::core::cli {

namespace fs = std::filesystem;

namespace {

// DESIGN.md "Exit codes", the same for every command.
constexpr int k_exit_codes[] = {k_exit_ok, k_exit_failed, k_exit_usage, k_exit_cannot_evaluate,
                                k_exit_pending};

std::string roff_quoted(const std::string& text) {
    std::string escaped = roff_escape(text);
    return text.find(' ') == std::string::npos ? escaped : "\"" + escaped + "\"";
}

// A section heading from the catalog, quoted when it has a space.
std::string heading(const std::string& id) {
    return roff_quoted(msg::tr(id));
}

void title(std::ostream& out, const std::string& page, const ManInfo& info) {
    out << fmt::format(".TH \"{}\" \"1\" \"{}\" \"compuerta {}\" \"{}\"\n",
                       roff_escape(util::upper(page)), info.date, roff_escape(info.version),
                       roff_escape(msg::tr("man.manual")));
    // No hyphenation and ragged right: flags and paths stay whole.
    out << ".nh\n.ad l\n";
}

// Paragraphs of a help text: lines kept as input lines, blank lines as .PP.
void paragraphs(std::ostream& out, const std::string& text) {
    bool blank = false;
    for (const auto& raw : util::split(text, '\n')) {
        std::string line = util::trim(raw);
        if (line.empty()) {
            blank = true;
            continue;
        }
        if (blank)
            out << ".PP\n";
        blank = false;
        out << roff_escape(line) << "\n";
    }
}

void flag_entry(std::ostream& out, const FlagDoc& f) {
    out << ".TP\n";
    if (!f.short_name.empty())
        out << "\\fB" << roff_escape(f.short_name) << "\\fR, ";
    out << "\\fB" << roff_escape(f.long_name) << "\\fR";
    if (!f.placeholder.empty())
        out << " \\fI" << roff_escape(f.placeholder) << "\\fR";
    out << "\n" << roff_escape(f.help);
    if (!f.default_value.empty())
        out << " " << roff_escape(msg::tr("man.default", {{"value", f.default_value}}));
    out << "\n";
}

void exit_status(std::ostream& out) {
    out << ".SH " << heading("man.section.exit_status") << "\n";
    for (int code : k_exit_codes)
        out << ".TP\n.B " << code << "\n"
            << roff_escape(msg::tr("man.exit." + std::to_string(code))) << "\n";
    out << ".PP\n" << roff_escape(msg::tr("man.exit.precedence")) << "\n";
}

void see_also(std::ostream& out, std::vector<std::string> pages) {
    out << ".SH " << heading("man.section.see_also") << "\n";
    for (std::size_t i = 0; i < pages.size(); ++i)
        out << ".BR " << roff_escape(pages[i]) << " (1)" << (i + 1 < pages.size() ? "," : "")
            << "\n";
}

// The usage line after "compuerta NAME", for the synopsis.
std::string usage_rest(const std::string& usage, const std::string& head) {
    return usage.rfind(head, 0) == 0 ? util::trim(usage.substr(head.size())) : usage;
}

} // namespace

std::string roff_escape(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            if (i == 0 && (c == '.' || c == '\''))
                out += "\\&";
            switch (c) {
            case '\\':
                out += "\\e";
                break;
            case '-':
                out += "\\-";
                break;
            case '\'':
                out += "\\(aq";
                break;
            case '`':
                out += "\\(ga";
                break;
            case '"':
                out += "\\(dq";
                break;
            case '\t':
                out += ' ';
                break;
            default:
                out += static_cast<char>(c);
            }
            continue;
        }
        // UTF-8 sequence -> \[uXXXX]; an invalid byte becomes U+FFFD.
        int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : -1;
        char32_t cp = extra == 3 ? c & 0x07 : extra == 2 ? c & 0x0F : c & 0x1F;
        bool ok = extra > 0;
        for (int k = 1; ok && k <= extra; ++k) {
            if (i + k >= text.size() || (static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) {
                ok = false;
                break;
            }
            cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
        }
        if (!ok) {
            out += "\\[uFFFD]";
            continue;
        }
        i += static_cast<std::size_t>(extra);
        out += fmt::format("\\[u{:04X}]", static_cast<unsigned>(cp));
    }
    return out;
}

void write_command_page(const Registry& registry, const Command& cmd, const ManInfo& info,
                        std::ostream& out) {
    const std::string page = program_name(cmd.name);
    const CommandDoc doc = describe(cmd);
    title(out, page, info);
    out << ".SH " << heading("man.section.name") << "\n"
        << roff_escape(page) << " \\- " << roff_escape(msg::tr(cmd.summary)) << "\n";
    const std::string rest = usage_rest(cmd.usage, "compuerta " + cmd.name);
    out << ".SH " << heading("man.section.synopsis") << "\n.B compuerta " << roff_escape(cmd.name)
        << "\n"
        << roff_escape(rest) << "\n.br\n.B " << roff_escape(page) << "\n"
        << roff_escape(rest) << "\n";
    out << ".SH " << heading("man.section.description") << "\n"
        << roff_escape(msg::tr(cmd.summary)) << "\n";
    if (!cmd.description.empty()) {
        out << ".PP\n";
        paragraphs(out, msg::tr(cmd.description));
    }
    out << ".SH " << heading("man.section.options") << "\n";
    for (const auto& f : doc.flags)
        if (!f.common)
            flag_entry(out, f);
    out << ".SS " << roff_quoted(msg::tr("cli.options.common")) << "\n";
    for (const auto& f : doc.flags)
        if (f.common)
            flag_entry(out, f);
    exit_status(out);
    std::vector<std::string> pages{"compuerta"};
    const std::string group = cmd.name.substr(0, cmd.name.find(' '));
    for (const Command* other : registry.group(group))
        if (other != &cmd)
            pages.push_back(program_name(other->name));
    see_also(out, pages);
}

void write_external_page(const Registry::External& e, const ManInfo& info, std::ostream& out) {
    title(out, e.program, info);
    out << ".SH " << heading("man.section.name") << "\n"
        << roff_escape(e.program) << " \\- " << roff_escape(msg::tr(e.summary)) << "\n";
    out << ".SH " << heading("man.section.synopsis") << "\n.B compuerta " << roff_escape(e.name)
        << "\n[OPTIONS]\n.br\n.B " << roff_escape(e.program) << "\n[OPTIONS]\n";
    out << ".SH " << heading("man.section.description") << "\n"
        << roff_escape(msg::tr(e.summary)) << "\n.PP\n"
        << roff_escape(msg::tr("man.external.description", {{"name", e.name}})) << "\n";
    see_also(out, {"compuerta"});
}

void write_main_page(const Registry& registry, const ManInfo& info, std::ostream& out) {
    auto section = [&](const char* id) { out << ".SH " << heading(id) << "\n"; };
    const std::string command = roff_escape(msg::tr("man.main.command"));
    title(out, "compuerta", info);
    section("man.section.name");
    out << "compuerta \\- " << roff_escape(msg::tr("man.main.name")) << "\n";
    section("man.section.synopsis");
    out << ".B compuerta\n"
        << roff_escape(msg::tr("man.main.synopsis"))
        << "\n.br\n.B compuerta help\n" // literal-ok: roff markup
        << command
        << "\n.br\n.B compuerta completion\nbash\n.br\n.B compuerta help\n" // literal-ok: roff
                                                                            // markup
        << roff_escape("--man DIR") << "\n.br\n.B compuerta\n"
        << roff_escape("--version") << "\n";
    section("man.section.description");
    out << roff_escape(msg::tr("man.main.description")) << "\n.PP\n"
        << roff_escape(msg::tr("man.main.links")) << "\n";
    section("man.section.commands");
    std::vector<std::pair<std::string, std::string>> rows;
    for (const auto& c : registry.commands())
        rows.emplace_back(c.name, msg::tr(c.summary));
    for (const auto& e : registry.externals())
        rows.emplace_back(e.name, msg::tr(e.summary));
    std::sort(rows.begin(), rows.end());
    const std::string see = roff_escape(msg::tr("man.main.see"));
    for (const auto& [name, summary] : rows)
        out << ".TP\n.B " << roff_escape(name) << "\n"
            << roff_escape(summary) << " " << see << "\n.BR " << roff_escape(program_name(name))
            << " (1).\n";
    out << ".TP\n.B help \\fI" << command << "\\fR\n"
        << roff_escape(msg::tr("man.main.help")) << "\n.TP\n.B help \\-\\-man \\fIDIR\\fR\n"
        << roff_escape(msg::tr("man.main.help_man"))
        << "\n.TP\n.B completion bash\n" // literal-ok: roff markup
        << roff_escape(msg::tr("man.main.completion")) << "\n";
    section("man.section.common_options");
    out << roff_escape(msg::tr("man.main.common_options")) << "\n";
    Command all;
    for (const auto& f : describe(all).flags)
        flag_entry(out, f);
    section("man.section.environment");
    // The variables' names are the interface; their texts are the catalog's.
    const std::pair<const char*, const char*> env[] = {
        {"COMPUERTA_CONFIG", "man.env.config"},
        {"COMPUERTA_JOURNAL", "man.env.journal"},
        {"COMPUERTA_LANG", "man.env.lang"},
        {"NO_COLOR", "man.env.no_color"},
        {"CI_COMMIT_TAG, CI_PIPELINE_ID, CI_JOB_ID, TAG_NAME, BUILD_TAG", "man.env.ci"},
    };
    for (const auto& [name, id] : env)
        out << ".TP\n.B " << roff_escape(name) << "\n" << roff_escape(msg::tr(id)) << "\n";
    exit_status(out);
    std::vector<std::string> pages;
    for (const auto& [name, summary] : rows)
        pages.push_back(program_name(name));
    see_also(out, pages);
}

std::vector<fs::path> write_man_pages(const Registry& registry, const fs::path& dir,
                                      const ManInfo& info) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec)
        throw UsageError(
            msg::tr("man.cannot_create", {{"dir", dir.string()}, {"error", ec.message()}}));
    std::vector<fs::path> written;
    auto write = [&](const std::string& page, const std::function<void(std::ostream&)>& body) {
        fs::path p = dir / (page + ".1");
        std::ofstream f(p, std::ios::binary | std::ios::trunc);
        body(f);
        f.close();
        if (!f)
            throw UsageError(msg::tr("man.cannot_write",
                                     {{"file", p.string()}, {"error", std::strerror(errno)}}));
        written.push_back(p);
    };
    write("compuerta", [&](std::ostream& o) { write_main_page(registry, info, o); });
    for (const auto& c : registry.commands())
        write(program_name(c.name),
              [&](std::ostream& o) { write_command_page(registry, c, info, o); });
    for (const auto& e : registry.externals())
        write(e.program, [&](std::ostream& o) { write_external_page(e, info, o); });
    return written;
}

} // namespace compuerta::core::cli
