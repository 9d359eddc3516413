#include "core/config/unresolved.hpp"

namespace compuerta::core::config {

std::vector<std::string> unresolved_variables(const Value& value, const NodePtr& schema) {
    std::vector<std::string> out;
    if (!value.present() || !schema)
        return out;
    auto add = [&out](const Value& v, const NodePtr& s) {
        auto sub = unresolved_variables(v, s);
        out.insert(out.end(), sub.begin(), sub.end());
    };
    switch (schema->kind) {
    case Kind::templ:
        return out;
    case Kind::map:
        for (const auto& f : schema->fields)
            add(value[f.name], f.schema);
        return out;
    case Kind::map_of:
        if (!value.is_map())
            return out;
        for (const auto& [k, v] : value.entries())
            add(v, schema->item);
        return out;
    case Kind::list:
        if (!value.is_list())
            return out;
        for (const auto& v : value.items())
            add(v, schema->item);
        return out;
    case Kind::one_of: {
        auto kind = value[schema->discriminator].try_str();
        if (!kind)
            return out;
        auto it = schema->variants.find(kind.value());
        if (it != schema->variants.end())
            return unresolved_variables(value, it->second);
        return out;
    }
    case Kind::any:
        return out;
    default:
        if (!value.is_scalar())
            return out;
        if (auto v = value.try_str(); !v)
            out.push_back(v.error().message);
        return out;
    }
}

std::vector<std::string> unresolved_variables(const Config& cfg) {
    return unresolved_variables(cfg.root(), root_schema());
}

} // namespace compuerta::core::config
