#include "core/messages/catalog.hpp"
#include "core/config/config.hpp"
#include "core/config/rules.hpp"
#include "core/config/schema.hpp"
#include "core/secrets.hpp"
#include "core/util/text.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>

namespace compuerta::core::config {

namespace {

std::string loc(const std::string& file, const YAML::Mark& m) {
    if (m.line < 0) return file;
    return fmt::format("{}:{}:{}", file, m.line + 1, m.column + 1);
}

std::string kind_name(Kind k) {
    switch (k) {
    case Kind::string: return msg::tr("config.error.kind.string");
    case Kind::templ: return msg::tr("config.error.kind.template");
    case Kind::integer: return msg::tr("config.error.kind.integer");
    case Kind::number: return msg::tr("config.error.kind.number");
    case Kind::boolean: return msg::tr("config.error.kind.boolean");
    case Kind::duration: return msg::tr("config.error.kind.duration");
    case Kind::choice: return msg::tr("config.error.kind.choice");
    case Kind::list: return msg::tr("config.error.kind.list");
    case Kind::map:
    case Kind::map_of:
    case Kind::one_of: return msg::tr("config.error.kind.map");
    case Kind::any: return msg::tr("config.error.kind.any");
    }
    return msg::tr("config.error.kind.value");
}

std::string yaml_type(const YAML::Node& n) {
    switch (n.Type()) {
    case YAML::NodeType::Sequence: return msg::tr("config.error.yaml.list");
    case YAML::NodeType::Map: return msg::tr("config.error.yaml.map");
    case YAML::NodeType::Null: return msg::tr("config.error.yaml.null");
    default: return msg::tr("config.error.yaml.scalar");
    }
}

// YAML allows a key twice in one mapping and yaml-cpp keeps both pairs (a
// lookup sees the first): every mapping of the document, whatever its schema.
void duplicate_keys(const YAML::Node& n, const std::string& path, std::vector<Problem>& out) {
    if (n.IsSequence()) {
        for (std::size_t i = 0; i < n.size(); ++i)
            duplicate_keys(n[i], fmt::format("{}[{}]", path, i), out);
        return;
    }
    if (!n.IsMap())
        return;
    std::map<std::string, YAML::Mark> seen;
    for (auto it = n.begin(); it != n.end(); ++it) {
        std::string key = it->first.IsScalar() ? it->first.Scalar() : std::string();
        std::string child = path.empty() ? key : path + "." + key;
        if (it->first.IsScalar()) {
            auto [first, fresh] = seen.emplace(key, it->first.Mark());
            if (!fresh)
                out.push_back(
                    {it->first.Mark(), child,
                     msg::tr("config.error.duplicate_key", {{"key", key},
                                                            {"line", first->second.line + 1},
                                                            {"column", first->second.column + 1}})});
        }
        duplicate_keys(it->second, child, out);
    }
}

class Validator {
  public:
    std::vector<Problem> problems;
    // Items of check lists (lists of one_of mappings) that carry an `id`: their
    // path and id, so a problem inside one names the check.
    std::vector<std::pair<std::string, std::string>> named;

    void walk(const YAML::Node& n, const NodePtr& schema, const std::string& path) {
        std::size_t before = problems.size();
        switch (schema->kind) {
        case Kind::any: return;
        case Kind::list:
            walk_list(n, schema, path);
            break;
        case Kind::map:
            walk_map(n, schema->fields, path);
            break;
        case Kind::map_of:
            walk_map_of(n, schema, path);
            break;
        case Kind::one_of:
            walk_one_of(n, schema, path);
            break;
        default:
            walk_scalar(n, schema, path);
            if (problems.size() != before)
                return; // the type is wrong: no rule to add
            break;
        }
        if (schema->rule.empty())
            return;
        if (const Rule* rule = find_rule(schema->rule))
            (*rule)(RuleInput{n, path, m_owner}, problems);
    }

  private:
    void error(const YAML::Node& n, const std::string& path, const std::string& what) {
        problems.push_back({n.Mark(), path, what});
    }

    void walk_scalar(const YAML::Node& n, const NodePtr& schema, const std::string& path) {
        if (!n.IsScalar()) {
            error(n, path, msg::tr("config.error.expected_got", {{"expected", kind_name(schema->kind)}, {"got", yaml_type(n)}}));
            return;
        }
        const std::string& text = n.Scalar();
        if (text.find("${") != std::string::npos && schema->kind != Kind::templ) return; // checked where used
        switch (schema->kind) {
        case Kind::integer: {
            long long v = 0;
            if (!YAML::convert<long long>::decode(n, v))
                error(n, path, msg::tr("config.error.expected_integer", {{"text", text}}));
            break;
        }
        case Kind::number: {
            double v = 0;
            if (!YAML::convert<double>::decode(n, v))
                error(n, path, msg::tr("config.error.expected_number", {{"text", text}}));
            break;
        }
        case Kind::boolean: {
            bool v = false;
            if (!YAML::convert<bool>::decode(n, v))
                error(n, path, msg::tr("config.error.expected_boolean", {{"text", text}}));
            break;
        }
        case Kind::duration:
            if (!parse_duration(text))
                error(n, path, msg::tr("config.error.expected_duration", {{"text", text}}));
            break;
        case Kind::choice: {
            bool found = false;
            for (const auto& c : schema->choices) found = found || c == text;
            if (!found) error(n, path, msg::tr("config.error.expected_choice", {{"choices", util::join(schema->choices, ", ")}, {"text", text}}));
            break;
        }
        default: break;
        }
    }

    void walk_list(const YAML::Node& n, const NodePtr& schema, const std::string& path) {
        if (!n.IsSequence()) {
            error(n, path, msg::tr("config.error.expected_got", {{"expected", msg::tr("config.error.kind.list")}, {"got", yaml_type(n)}}));
            return;
        }
        for (std::size_t i = 0; i < n.size(); ++i) {
            std::string item = fmt::format("{}[{}]", path, i);
            if (schema->item->kind == Kind::one_of && n[i].IsMap()) {
                const YAML::Node id = n[i]["id"];
                if (id && id.IsScalar())
                    named.emplace_back(item, id.Scalar());
            }
            walk(n[i], schema->item, item);
        }
    }

    void walk_map(const YAML::Node& n, const std::vector<Field>& fields, const std::string& path) {
        if (!n.IsMap()) {
            error(n, path, msg::tr("config.error.expected_got", {{"expected", msg::tr("config.error.kind.map")}, {"got", yaml_type(n)}}));
            return;
        }
        std::vector<std::string> names;
        for (const auto& f : fields) names.push_back(f.name);
        YAML::Node outer;
        outer.reset(m_owner);
        m_owner.reset(n);
        for (auto it = n.begin(); it != n.end(); ++it) {
            std::string key = it->first.Scalar();
            const Field* field = nullptr;
            for (const auto& f : fields)
                if (f.name == key) field = &f;
            std::string child = path.empty() ? key : path + "." + key;
            if (field == nullptr) {
                error(it->first, child, msg::tr("config.error.unknown_key", {{"key", key}, {"keys", util::join(names, ", ")}}));
                continue;
            }
            walk(it->second, field->schema, child);
        }
        m_owner.reset(outer);
        for (const auto& f : fields)
            if (f.required && !n[f.name])
                error(n, path, msg::tr("config.error.missing_key", {{"key", f.name}}));
    }

    void walk_map_of(const YAML::Node& n, const NodePtr& schema, const std::string& path) {
        if (!n.IsMap()) {
            error(n, path, msg::tr("config.error.expected_got", {{"expected", msg::tr("config.error.kind.map")}, {"got", yaml_type(n)}}));
            return;
        }
        for (auto it = n.begin(); it != n.end(); ++it)
            walk(it->second, schema->item, path + "." + it->first.Scalar());
    }

    void walk_one_of(const YAML::Node& n, const NodePtr& schema, const std::string& path) {
        if (!n.IsMap()) {
            error(n, path, msg::tr("config.error.expected_got", {{"expected", msg::tr("config.error.kind.map")}, {"got", yaml_type(n)}}));
            return;
        }
        std::vector<std::string> kinds;
        for (const auto& [k, _] : schema->variants) kinds.push_back(k);
        YAML::Node d = n[schema->discriminator];
        if (!d || !d.IsScalar()) {
            error(n, path, msg::tr("config.error.missing_discriminator", {{"key", schema->discriminator}, {"choices", util::join(kinds, ", ")}}));
            return;
        }
        auto it = schema->variants.find(d.Scalar());
        if (it == schema->variants.end()) {
            error(d, path + "." + schema->discriminator,
                  msg::tr("config.error.unknown_variant",
                          {{"key", schema->discriminator}, {"value", d.Scalar()}, {"choices", util::join(kinds, ", ")}}));
            return;
        }
        walk(n, it->second, path);
    }

    YAML::Node m_owner; // the mapping being walked (reset(), never operator=: it writes through)
};

} // namespace

std::vector<std::string> validate(const YAML::Node& node, const NodePtr& schema, const std::string& file) {
    std::vector<Problem> found;
    if (node && !node.IsNull()) {
        duplicate_keys(node, "", found);
        Validator v;
        v.walk(node, schema, "");
        for (auto p : v.problems) {
            for (const auto& [prefix, id] : v.named) {
                bool inside = p.path.compare(0, prefix.size(), prefix) == 0 &&
                              (p.path.size() == prefix.size() || p.path[prefix.size()] == '.' ||
                               p.path[prefix.size()] == '[');
                if (inside && p.path != prefix + ".id")
                    p.message = fmt::format("check \"{}\": {}", id, p.message);
            }
            found.push_back(std::move(p));
        }
    }
    // In file order, as a person fixes them.
    std::stable_sort(found.begin(), found.end(), [](const Problem& a, const Problem& b) {
        return std::pair(a.mark.line, a.mark.column) < std::pair(b.mark.line, b.mark.column);
    });
    std::vector<std::string> out;
    for (const auto& p : found)
        out.push_back(fmt::format("{}: {}: {}", loc(file, p.mark),
                                  p.path.empty() ? msg::tr("config.error.top_level") : p.path, p.message));
    return out;
}

std::vector<std::string> register_secrets(const YAML::Node& n, const NodePtr& schema, const Env& env,
                                          const std::string& path) {
    std::vector<std::string> warnings;
    if (!n || n.IsNull()) return warnings;
    auto recurse = [&](const YAML::Node& child, const NodePtr& sch, const std::string& p) {
        auto w = register_secrets(child, sch, env, p);
        warnings.insert(warnings.end(), w.begin(), w.end());
    };
    switch (schema->kind) {
    case Kind::list:
        if (n.IsSequence())
            for (std::size_t i = 0; i < n.size(); ++i) recurse(n[i], schema->item, fmt::format("{}[{}]", path, i));
        break;
    case Kind::map:
        if (n.IsMap())
            for (const auto& f : schema->fields)
                if (n[f.name]) recurse(n[f.name], f.schema, path.empty() ? f.name : path + "." + f.name);
        break;
    case Kind::map_of:
        if (n.IsMap())
            for (auto it = n.begin(); it != n.end(); ++it)
                recurse(it->second, schema->item, path + "." + it->first.Scalar());
        break;
    case Kind::one_of:
        if (n.IsMap() && n[schema->discriminator]) {
            auto it = schema->variants.find(n[schema->discriminator].Scalar());
            if (it != schema->variants.end()) recurse(n, it->second, path);
        }
        break;
    default: {
        if (!n.IsScalar() || !(schema->secret || schema->dsn || schema->url)) break;
        auto value = expand(n.Scalar(), env);
        if (!value) break; // reported where used
        if (schema->secret) {
            if (!value->empty() && value->size() < SecretRegistry::k_min_length)
                warnings.push_back(
                    msg::tr("config.error.short_secret", {{"path", path}, {"min", SecretRegistry::k_min_length}}));
            SecretRegistry::global().add(*value, path);
        }
        if (schema->dsn) register_dsn_secrets(*value, path);
        if (schema->url) register_url_secrets(*value, path);
        if (schema->dsn) {
            std::string pw = dsn_password(*value);
            if (!pw.empty() && pw.size() < SecretRegistry::k_min_length)
                warnings.push_back(
                    msg::tr("config.error.short_password", {{"path", path}, {"min", SecretRegistry::k_min_length}}));
        }
        break;
    }
    }
    return warnings;
}

} // namespace compuerta::core::config
