#include "core/cli/command.hpp"
#include "core/cli/command_doc.hpp"
#include "core/cli/language.hpp"
#include "core/cli/usage_text.hpp"
#include "core/config/config.hpp"
#include "core/config/output.hpp"
#include "core/errors.hpp"
#include "core/fs.hpp"
#include "core/messages/catalog.hpp"
#include "core/report/json.hpp"
#include "core/secrets.hpp"
#include "core/util/local_time.hpp"

#include <fmt/format.h>
#include <iostream>
#include <sstream>
#include <unistd.h>

extern char** environ;

namespace compuerta::core::cli {

namespace {

// How errors name the command: "compuerta db backup".
std::string display_name(const Command& cmd) {
    return "compuerta " + cmd.name;
}

} // namespace

po::options_description common_options(const Command& cmd) {
    using msg::tr;
    po::options_description d(tr("cli.options.common"));
    d.add_options()("config,c", po::value<std::string>()->value_name("FILE"),
                    tr("cli.opt.config").c_str())(
        "journal", po::value<std::string>()->value_name("DIR"), tr("cli.opt.journal").c_str())(
        "lang", po::value<std::string>()->value_name("LANG"), tr("cli.opt.lang").c_str());
    if (cmd.reports) {
        d.add_options()("junit", po::value<std::string>()->value_name("FILE"),
                        tr("cli.opt.junit").c_str())("junit-strict", po::bool_switch(),
                                                     tr("cli.opt.junit_strict").c_str())(
            "json", po::value<std::string>()->value_name("FILE"), tr("cli.opt.json").c_str());
    }
    if (cmd.waits) {
        d.add_options()("timeout", po::value<std::string>()->value_name("DURATION"),
                        tr("cli.opt.timeout", {{"default", tr(cmd.timeout_default)}}).c_str());
    }
    if (cmd.waits && cmd.rounds) {
        d.add_options()("until-pass", po::bool_switch(), tr("cli.opt.until_pass").c_str())(
            "interval", po::value<std::string>()->value_name("DURATION"),
            tr("cli.opt.interval").c_str())("until-timeout",
                                            po::value<std::string>()->value_name("DURATION"),
                                            tr("cli.opt.until_timeout").c_str());
    }
    d.add_options()("verbose,v", po::bool_switch(), tr("cli.opt.verbose").c_str())(
        "quiet,q", po::bool_switch(), tr("cli.opt.quiet").c_str())("no-color", po::bool_switch(),
                                                                   tr("cli.opt.no_color").c_str())(
        "help,h", tr("cli.opt.help").c_str())("version", tr("cli.opt.version").c_str());
    return d;
}

namespace {

Millis duration_flag(const po::variables_map& vm, const std::string& flag) {
    auto d = config::parse_duration(vm[flag].as<std::string>());
    if (!d)
        throw UsageError(msg::tr("cli.duration.invalid",
                                 {{"flag", flag}, {"value", vm[flag].as<std::string>()}}));
    return *d;
}

// The flags --help lists, each value named as the usage line and the man
// page name it ("--start T", "--dsn DSN"), never program_options' "arg".
po::options_description shown_flags(const std::string& title, const std::vector<FlagDoc>& flags,
                                    bool common) {
    po::options_description d(title);
    for (const auto& f : flags) {
        if (f.common != common)
            continue;
        std::string name = f.long_name.substr(2);
        if (!f.short_name.empty())
            name += "," + f.short_name.substr(1);
        if (f.placeholder.empty()) {
            d.add_options()(name.c_str(), f.help.c_str());
            continue;
        }
        auto* value = po::value<std::string>()->value_name(f.placeholder);
        if (!f.default_value.empty())
            value->default_value(f.default_value, f.default_value);
        d.add_options()(name.c_str(), value, f.help.c_str());
    }
    return d;
}

void print_help(const Command& cmd, std::ostream& out) {
    const CommandDoc doc = describe(cmd);
    const po::options_description own = shown_flags(msg::tr("cli.options.own"), doc.flags, false);
    const po::options_description common =
        shown_flags(msg::tr("cli.options.common"), doc.flags, true);
    out << msg::tr("cli.help.usage", {{"usage", cmd.usage}}) << "\n\n"
        << msg::tr(cmd.summary) << "\n";
    if (!cmd.description.empty())
        out << "\n" << msg::tr(cmd.description) << "\n";
    out << "\n";
    if (!own.options().empty())
        out << own << "\n";
    out << common << "\n" << msg::tr("cli.help.exit_codes") << "\n";
}

// Secrets that reach us through the environment rather than the config.
void register_env_secrets() {
    for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
        std::string kv(*e);
        auto eq = kv.find('=');
        if (eq == std::string::npos)
            continue;
        std::string name = kv.substr(0, eq);
        std::string value = kv.substr(eq + 1);
        auto ends = [&](const char* suffix) {
            std::string s(suffix);
            return name.size() >= s.size() &&
                   name.compare(name.size() - s.size(), s.size(), s) == 0;
        };
        if (name == "PGPASSWORD" || ends("_PASSWORD") || ends("_TOKEN") || ends("_SECRET") ||
            name == "CI_JOB_TOKEN")
            SecretRegistry::global().add(value, name);
    }
}

void write_error_json(const std::string& path, int code, const std::string& message,
                      std::ostream& out) {
    std::string js = report::render_json_error(code, message);
    try {
        if (path == "-")
            out << js;
        else
            write_file_atomic(path, js);
    } catch (const std::exception&) {
        // The error itself is what the person reads; a report that cannot be written adds nothing.
    }
}

int run_parsed(const Command& cmd, const std::vector<std::string>& argv, const Env& env,
               const Clock& clock, std::ostream& out, std::ostream& err, const Adapters& adapters) {
    po::options_description own(msg::tr("cli.options.own"));
    if (cmd.options)
        cmd.options(own);
    po::options_description common = common_options(cmd);
    po::options_description all;
    all.add(own).add(common);
    po::options_description hidden;
    po::positional_options_description pos;
    for (const auto& [name, count] : cmd.positional) {
        if (count == 1)
            hidden.add_options()(name.c_str(), po::value<std::string>());
        else
            hidden.add_options()(name.c_str(), po::value<std::vector<std::string>>());
        pos.add(name.c_str(), count);
    }
    po::options_description parse_set;
    parse_set.add(all).add(hidden);
    po::variables_map vm;
    std::vector<std::string> args(argv.begin() + (argv.empty() ? 0 : 1), argv.end());
    po::store(po::command_line_parser(args).options(parse_set).positional(pos).run(), vm);
    po::notify(vm);

    if (vm.count("help")) {
        print_help(cmd, out);
        return k_exit_ok;
    }
    if (vm.count("version")) {
        out << "compuerta " << COMPUERTA_VERSION << "\n";
        return k_exit_ok;
    }

    CommonOptions c;
    std::optional<std::string> lang_flag;
    if (vm.count("lang"))
        lang_flag = vm["lang"].as<std::string>();
    if (vm.count("config"))
        c.config = vm["config"].as<std::string>();
    if (vm.count("journal"))
        c.journal = vm["journal"].as<std::string>();
    if (cmd.reports) {
        if (vm.count("junit"))
            c.junit = vm["junit"].as<std::string>();
        if (vm.count("json"))
            c.json = vm["json"].as<std::string>();
        c.junit_strict = vm["junit-strict"].as<bool>();
    }
    if (cmd.waits) {
        if (vm.count("timeout"))
            c.timeout = duration_flag(vm, "timeout");
    }
    if (cmd.waits && cmd.rounds) {
        c.until_pass = vm["until-pass"].as<bool>();
        if (vm.count("interval"))
            c.interval = duration_flag(vm, "interval");
        if (vm.count("until-timeout"))
            c.until_timeout = duration_flag(vm, "until-timeout");
        if (!c.until_pass && (c.interval || c.until_timeout))
            throw UsageError(msg::tr("cli.until_pass.needed"));
    }
    bool quiet = vm["quiet"].as<bool>(), verbose = vm["verbose"].as<bool>();
    if (quiet && verbose)
        throw UsageError(msg::tr("cli.quiet_verbose"));
    c.verbosity = quiet ? -1 : verbose ? 1 : 0;
    auto no_color_env = env.get("NO_COLOR");
    bool is_real_stdout = &out == &std::cout;
    c.color = is_real_stdout && isatty(STDOUT_FILENO) &&
              !(no_color_env && !no_color_env->empty()) && !vm["no-color"].as<bool>();

    // Output paths first: nothing runs when a report could not be written.
    if (c.junit && *c.junit != "-")
        check_output_path(*c.junit, "--junit");
    if (c.json && *c.json != "-")
        check_output_path(*c.json, "--json");
    if (c.junit && c.json && *c.junit == "-" && *c.json == "-")
        throw UsageError(msg::tr("cli.stdout_twice"));

    const std::optional<std::string> json_path = c.json;
    try {
        auto cfg = std::make_unique<config::Config>(config::load_for_command(c.config, env));
        const config::OutputSettings output = config::read_output_settings(*cfg);
        if (!language_forced(lang_flag, env))
            msg::set_current(choose_language(lang_flag, env, output.lang));
        // Validated with the configuration (rule "timezone"): a known zone.
        if (output.timezone)
            util::set_display_zone(*output.timezone);
        auto journal_dir = Journal::resolve_dir(c.journal, env);
        auto journal = std::make_unique<Journal>(journal_dir, RunIdentity::from_env(env, clock),
                                                 cmd.name, clock);

        Invocation inv(cmd, std::move(vm), std::move(c), env, clock, adapters, out, err);
        inv.attach(std::move(cfg), std::move(journal));
        for (const auto& w : inv.config().warnings())
            inv.warn(w);
        return cmd.run(inv);
    } catch (const ExitError& e) {
        // --json still says what happened: the exit code and the error.
        if (json_path)
            write_error_json(*json_path, e.code(), e.what(), out);
        throw;
    }
}

} // namespace

int main_for(const Command& cmd, const std::vector<std::string>& argv, const Env& env,
             const Clock& clock, std::ostream& out, std::ostream& err, const Adapters& adapters) {
    const std::string prog = display_name(cmd);
    try {
        // The language first, so that even a usage error speaks it; the
        // configuration's `lang` is read once the configuration is.
        msg::set_current(choose_language(lang_in_args(argv), env, std::nullopt));
        return run_parsed(cmd, argv, env, clock, out, err, adapters);
    } catch (const po::error& e) {
        err << mask(msg::tr("cli.error.see_help", {{"program", prog}, {"message", usage_text(e)}}))
            << "\n";
        return k_exit_usage;
    } catch (const ExitError& e) {
        err << mask(msg::tr("cli.error", {{"program", prog}, {"message", e.what()}})) << "\n";
        return e.code();
    } catch (const std::exception& e) {
        err << mask(msg::tr("cli.internal_error", {{"program", prog}, {"message", e.what()}}))
            << "\n";
        return k_exit_cannot_evaluate;
    } catch (...) {
        err << msg::tr("cli.internal_error", {{"program", prog}, {"message", "?"}}) << "\n";
        return k_exit_cannot_evaluate;
    }
}

int main_for(const Command& cmd, const std::vector<std::string>& argv, std::ostream& out,
             std::ostream& err, const Adapters& adapters) {
    register_env_secrets();
    static ProcessEnv env;
    static SystemClock clock;
    int code = main_for(cmd, argv, env, clock, out, err, adapters);
    out.flush();
    return code;
}

} // namespace compuerta::core::cli
