#include "core/config/config.hpp"

#include "core/config/given_flags.hpp"
#include "core/config/rules.hpp"
#include "core/config/schema.hpp"
#include "core/config/variables.hpp"
#include "core/errors.hpp"
#include "core/messages/catalog.hpp"
#include "core/secrets.hpp"

#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <sstream>

namespace compuerta::core::config {

struct Source {
    std::string file;
    const Env* env = nullptr;
};

Value::Value(YAML::Node node, std::string path, std::shared_ptr<const Source> src)
    : m_node(std::move(node)), m_path(std::move(path)), m_src(std::move(src)) {}

bool Value::present() const {
    return m_node.IsDefined() && !m_node.IsNull();
}

std::string Value::where() const {
    if (!present() || !m_src)
        return {};
    auto m = m_node.Mark();
    if (m.line < 0)
        return m_src->file;
    return fmt::format("{}:{}:{}", m_src->file, m.line + 1, m.column + 1);
}

void Value::fail(const std::string& what) const {
    std::string at = where();
    throw ConfigError(fmt::format("{}{}: {}", at.empty() ? "" : at + ": ", m_path, what));
}

Value Value::operator[](const std::string& key) const {
    std::string child = m_path.empty() ? key : m_path + "." + key;
    if (!present() || !m_node.IsMap())
        return Value(YAML::Node(YAML::NodeType::Undefined), child, m_src);
    const YAML::Node& cn = m_node;
    YAML::Node found = cn[key]; // a missing key yields an invalid node: never keep one
    if (!found.IsDefined())
        return Value(YAML::Node(YAML::NodeType::Undefined), child, m_src);
    return Value(found, child, m_src);
}

std::vector<Value> Value::items() const {
    std::vector<Value> out;
    if (!present())
        return out;
    if (!m_node.IsSequence())
        fail(msg::tr("config.error.expected_list"));
    for (std::size_t i = 0; i < m_node.size(); ++i)
        out.emplace_back(m_node[i], fmt::format("{}[{}]", m_path, i), m_src);
    return out;
}

std::vector<std::pair<std::string, Value>> Value::entries() const {
    std::vector<std::pair<std::string, Value>> out;
    if (!present())
        return out;
    if (!m_node.IsMap())
        fail(msg::tr("config.error.expected_map"));
    for (auto it = m_node.begin(); it != m_node.end(); ++it) {
        std::string key = it->first.Scalar();
        out.emplace_back(key, Value(it->second, m_path.empty() ? key : m_path + "." + key, m_src));
    }
    return out;
}

std::string Value::raw() const {
    if (!present())
        fail(msg::tr("config.error.required"));
    if (!m_node.IsScalar())
        fail(msg::tr("config.error.expected_string"));
    return m_node.Scalar();
}

Result<std::string> Value::try_str() const {
    if (!present())
        return Error{msg::tr("config.error.not_set", {{"path", m_path}})};
    if (!m_node.IsScalar())
        return Error{
            fmt::format("{}: {}: {}", where(), m_path, msg::tr("config.error.expected_string"))};
    auto v = expand(m_node.Scalar(), *m_src->env);
    if (!v)
        return Error{fmt::format("{}: {}: {}", where(), m_path, v.error().message)};
    return v;
}

std::string Value::str() const {
    if (!present())
        fail(msg::tr("config.error.required"));
    auto v = try_str();
    if (!v)
        throw ConfigError(v.error().message);
    return v.value();
}

std::string Value::str_or(const std::string& fallback) const {
    return present() ? str() : fallback;
}

std::vector<std::string> Value::strings() const {
    std::vector<std::string> out;
    for (const Value& v : items())
        out.push_back(v.str());
    return out;
}

std::int64_t Value::integer() const {
    std::string s = str();
    try {
        std::size_t idx = 0;
        long long v = std::stoll(s, &idx);
        if (idx == s.size())
            return v;
    } catch (const std::exception&) {
    }
    fail(msg::tr("config.error.expected_integer", {{"text", s}}));
}

std::int64_t Value::integer_or(std::int64_t fallback) const {
    return present() ? integer() : fallback;
}

double Value::number_or(double fallback) const {
    if (!present())
        return fallback;
    std::string s = str();
    try {
        std::size_t idx = 0;
        double v = std::stod(s, &idx);
        if (idx == s.size())
            return v;
    } catch (const std::exception&) {
    }
    fail(msg::tr("config.error.expected_number", {{"text", s}}));
}

bool Value::boolean_or(bool fallback) const {
    if (!present())
        return fallback;
    std::string s = str();
    if (s == "true" || s == "yes" || s == "on" || s == "True" || s == "TRUE")
        return true;
    if (s == "false" || s == "no" || s == "off" || s == "False" || s == "FALSE")
        return false;
    fail(msg::tr("config.error.expected_boolean", {{"text", s}}));
}

Millis Value::duration() const {
    std::string s = str();
    auto d = parse_duration(s);
    if (!d)
        fail(msg::tr("config.error.expected_duration", {{"text", s}}));
    return *d;
}

Millis Value::duration_or(Millis fallback) const {
    return present() ? duration() : fallback;
}

std::optional<Millis> Value::duration_opt() const {
    if (!present())
        return std::nullopt;
    return duration();
}

const std::string& Config::file() const {
    return m_src->file;
}

namespace {
// Walks without assigning Values: YAML::Node's operator= writes through a
// shared node (it would overwrite the root with the section looked up).
Value walk(const Value& v, const std::string& dotted) {
    auto dot = dotted.find('.');
    if (dot == std::string::npos)
        return v[dotted];
    return walk(v[dotted.substr(0, dot)], dotted.substr(dot + 1));
}
} // namespace

Value Config::at(const std::string& dotted) const {
    return walk(m_root, dotted);
}

Config Config::none(const Env& env) {
    Config c;
    auto src = std::make_shared<Source>();
    src->file = msg::tr("config.error.no_file");
    src->env = &env;
    c.m_src = src;
    c.m_root = Value(YAML::Node(YAML::NodeType::Undefined), "", src);
    return c;
}

Value flag_value(const std::string& flag, const std::string& path,
                 const std::vector<std::string>& values, const NodePtr& node) {
    static const MapEnv no_variables;
    // What was typed is literal: `$` doubled so that expansion gives it back
    // (a template is never expanded, so it is kept as typed).
    const Node& scalar = node->kind == Kind::list && node->item ? *node->item : *node;
    auto literal = [&](const std::string& v) {
        if (scalar.kind == Kind::templ)
            return v;
        std::string out;
        for (char c : v)
            out += c == '$' ? std::string("$$") : std::string(1, c);
        return out;
    };
    YAML::Node n;
    if (node->kind == Kind::list) {
        n = YAML::Node(YAML::NodeType::Sequence);
        for (const auto& v : values)
            n.push_back(literal(v));
    } else {
        n = YAML::Node(literal(values.empty() ? std::string() : values.back()));
    }
    const std::string origin = "--" + flag;
    YAML::Node holder(YAML::NodeType::Map);
    holder[path] = n;
    const NodePtr schema = s::map({{path, node, false, ""}});
    auto problems = validate(holder, schema, origin);
    if (!problems.empty())
        throw ConfigError(problems.front());
    register_secrets(holder, schema, no_variables, ""); // a DSN or token typed as a flag
    auto src = std::make_shared<Source>();
    src->file = origin;
    src->env = &no_variables;
    return Value(n, path, src);
}

void for_each_unset_variable(
    const Value& v, const std::function<void(const Value&, const std::string& error)>& visit) {
    if (v.is_map()) {
        for (const auto& [k, child] : v.entries())
            for_each_unset_variable(child, visit);
    } else if (v.is_list()) {
        for (const auto& child : v.items())
            for_each_unset_variable(child, visit);
    } else if (v.is_scalar()) {
        auto s = v.try_str();
        if (!s && v.raw().find("${") != std::string::npos)
            visit(v, s.error().message);
    }
}

std::string invalid_file_message(const std::string& file,
                                 const std::vector<std::string>& problems) {
    std::string text = msg::trn("config.error.invalid_file",
                                static_cast<long long>(problems.size()), {{"file", file}});
    for (const auto& p : problems)
        text += "\n  " + p;
    return text;
}

Config Config::load_string(const std::string& text, const std::string& name, const Env& env) {
    YAML::Node doc;
    try {
        doc = YAML::Load(text);
    } catch (const YAML::ParserException& e) {
        throw ConfigError(msg::tr("config.error.yaml_syntax", {{"file", name},
                                                               {"line", e.mark.line + 1},
                                                               {"column", e.mark.column + 1},
                                                               {"error", e.msg}}));
    }
    auto schema = root_schema();
    auto errors = validate(doc, schema, name);
    if (!errors.empty())
        throw ConfigError(invalid_file_message(name, errors));
    Config c;
    auto src = std::make_shared<Source>();
    src->file = name;
    src->env = &env;
    c.m_src = src;
    c.m_loaded = true;
    c.m_root = Value(doc, "", src);
    c.m_warnings = register_secrets(doc, schema, env, "");
    SecretRegistry::global().set_mask_personal_data(
        c.at("privacy.mask_personal_data").boolean_or(true));
    return c;
}

Config Config::load_file(const std::string& path, const Env& env) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        throw ConfigError(msg::tr("config.error.file_missing", {{"path", path}}));
    if (std::filesystem::is_directory(path, ec))
        throw ConfigError(msg::tr("config.error.file_is_dir", {{"path", path}}));
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw ConfigError(msg::tr("config.error.file_unreadable", {{"path", path}}));
    std::stringstream ss;
    ss << in.rdbuf();
    if (in.bad())
        throw ConfigError(msg::tr("config.error.file_unreadable", {{"path", path}}));
    return load_string(ss.str(), path, env);
}

Config load_for_command(const std::optional<std::string>& flag, const Env& env) {
    if (flag)
        return Config::load_file(*flag, env);
    if (auto named = env.get("COMPUERTA_CONFIG"); named && !named->empty())
        return Config::load_file(*named, env);
    std::error_code ec;
    if (std::filesystem::exists("compuerta.yml", ec))
        return Config::load_file("compuerta.yml", env);
    return Config::none(env);
}

} // namespace compuerta::core::config
