#include "core/cli/command_doc.hpp"

#include "core/util/text.hpp"

#include <algorithm>
#include <map>
#include <regex>

namespace compuerta::core::cli {

namespace {

// Flag -> placeholder, and the positional placeholders, from the usage line.
struct UsageWords {
    std::map<std::string, std::string> placeholders;
    std::vector<std::string> args;
};

bool takes_value(const po::options_description& d, const std::string& flag) {
    for (const auto& o : d.options())
        if (flag == "--" + o->long_name() ||
            flag == o->canonical_display_name(po::command_line_style::allow_dash_for_short))
            return o->semantic()->max_tokens() > 0;
    return false;
}

UsageWords read_usage(const Command& cmd, const po::options_description& all) {
    UsageWords u;
    std::string rest = cmd.usage;
    const std::string head = "compuerta " + cmd.name;
    if (rest.rfind(head, 0) == 0)
        rest = rest.substr(head.size());
    std::string flag;
    for (std::string w : util::split(rest, ' ')) {
        w.erase(std::remove_if(w.begin(), w.end(), [](char c) { return c == '[' || c == ']'; }),
                w.end());
        while (w.size() > 3 && w.compare(w.size() - 3, 3, "...") == 0)
            w.resize(w.size() - 3);
        if (w.empty() || w == "|" || w == "OPTIONS")
            continue;
        if (w[0] == '-') {
            flag = takes_value(all, w) ? w : "";
            continue;
        }
        if (!flag.empty())
            u.placeholders.emplace(flag, w);
        else
            u.args.push_back(w);
        flag.clear();
    }
    return u;
}

FlagDoc flag_doc(const po::option_description& o, const UsageWords& u, bool common) {
    FlagDoc f;
    f.long_name = "--" + o.long_name();
    std::string s = o.canonical_display_name(po::command_line_style::allow_dash_for_short);
    if (s.size() == 2 && s[0] == '-')
        f.short_name = s;
    f.help = o.description();
    f.common = common;
    if (o.semantic()->max_tokens() == 0)
        return f;
    auto it = u.placeholders.find(f.long_name);
    if (it == u.placeholders.end() && !f.short_name.empty())
        it = u.placeholders.find(f.short_name);
    // format_parameter(): "arg", "FILE", or "arg (=md)" with a declared default.
    std::string param = o.format_parameter();
    std::smatch m;
    if (std::regex_search(param, m, std::regex(R"(\(=(.*)\)$)")))
        f.default_value = m[1];
    std::string name = o.semantic()->name();
    if (it != u.placeholders.end())
        f.placeholder = it->second;
    else if (!name.empty() && name != "arg")
        f.placeholder = name;
    else { // the flag's own name, as argparse does: --lock-wait LOCK_WAIT
        f.placeholder = util::upper(o.long_name());
        std::replace(f.placeholder.begin(), f.placeholder.end(), '-', '_');
    }
    f.kind = placeholder_kind(f.placeholder, &f.choices);
    return f;
}

} // namespace

ValueKind placeholder_kind(const std::string& placeholder, std::vector<std::string>* choices) {
    static const std::regex choice(R"([a-z0-9][a-z0-9-]*(\|[a-z0-9][a-z0-9-]*)+)");
    if (std::regex_match(placeholder, choice)) {
        if (choices != nullptr)
            *choices = util::split(placeholder, '|');
        return ValueKind::choice;
    }
    if (placeholder.find("ITEM") != std::string::npos)
        return ValueKind::item;
    if (placeholder == "DIR")
        return ValueKind::dir;
    if (placeholder == "FILE" || placeholder == "GLOB" || placeholder == "PATH")
        return ValueKind::file;
    return ValueKind::text;
}

CommandDoc describe(const Command& cmd) {
    CommandDoc d;
    d.command = &cmd;
    po::options_description own;
    if (cmd.options)
        cmd.options(own);
    po::options_description common = common_options(cmd);
    po::options_description all;
    all.add(own).add(common);
    UsageWords u = read_usage(cmd, all);
    for (const auto& o : own.options())
        d.flags.push_back(flag_doc(*o, u, false));
    for (const auto& o : common.options())
        d.flags.push_back(flag_doc(*o, u, true));
    for (const auto& a : u.args) {
        ArgDoc arg;
        arg.placeholder = a;
        arg.kind = placeholder_kind(a, &arg.choices);
        d.args.push_back(arg);
    }
    return d;
}

} // namespace compuerta::core::cli
