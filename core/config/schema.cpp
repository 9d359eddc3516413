#include "core/config/schema.hpp"

namespace compuerta::core::config {

namespace s {
namespace {
NodePtr make(Kind k, std::string doc) {
    auto n = std::make_shared<Node>();
    n->kind = k;
    n->doc = std::move(doc);
    return n;
}
} // namespace

NodePtr str(std::string doc) { return make(Kind::string, std::move(doc)); }
NodePtr secret(std::string doc) {
    auto n = std::make_shared<Node>(*make(Kind::string, std::move(doc)));
    n->secret = true;
    return n;
}
NodePtr dsn(std::string doc) {
    auto n = std::make_shared<Node>(*make(Kind::string, std::move(doc)));
    n->dsn = true;
    return n;
}
NodePtr url(std::string doc) {
    auto n = std::make_shared<Node>(*make(Kind::string, std::move(doc)));
    n->url = true;
    n->rule = "url.http";
    return n;
}
NodePtr secret_url(std::string doc) {
    auto n = std::make_shared<Node>(*make(Kind::string, std::move(doc)));
    n->url = true;
    n->secret = true;
    n->rule = "url.http";
    return n;
}
NodePtr templ(std::string doc) { return make(Kind::templ, std::move(doc)); }
NodePtr integer(std::string doc) { return make(Kind::integer, std::move(doc)); }
NodePtr number(std::string doc) { return make(Kind::number, std::move(doc)); }
NodePtr boolean(std::string doc) { return make(Kind::boolean, std::move(doc)); }
NodePtr duration(std::string doc) { return make(Kind::duration, std::move(doc)); }
NodePtr with_default(const NodePtr& node, std::string default_value) {
    auto n = std::make_shared<Node>(*node);
    n->default_value = std::move(default_value);
    return n;
}
NodePtr with_rule(const NodePtr& node, std::string rule) {
    auto n = std::make_shared<Node>(*node);
    n->rule = std::move(rule);
    return n;
}
NodePtr choice(std::vector<std::string> choices, std::string doc) {
    auto n = std::make_shared<Node>(*make(Kind::choice, std::move(doc)));
    n->choices = std::move(choices);
    return n;
}
NodePtr list(NodePtr item, std::string doc) {
    auto n = std::make_shared<Node>(*make(Kind::list, std::move(doc)));
    n->item = std::move(item);
    return n;
}
NodePtr map(std::vector<Field> fields, std::string doc) {
    auto n = std::make_shared<Node>(*make(Kind::map, std::move(doc)));
    n->fields = std::move(fields);
    return n;
}
NodePtr map_of(NodePtr item, std::string doc) {
    auto n = std::make_shared<Node>(*make(Kind::map_of, std::move(doc)));
    n->item = std::move(item);
    return n;
}
NodePtr one_of(std::string discriminator, std::map<std::string, NodePtr> variants, std::string doc) {
    auto n = std::make_shared<Node>(*make(Kind::one_of, std::move(doc)));
    n->discriminator = std::move(discriminator);
    n->variants = std::move(variants);
    return n;
}
NodePtr any(std::string doc) { return make(Kind::any, std::move(doc)); }
} // namespace s

NodePtr root_schema() {
    static const NodePtr root = s::map({
        {"version", s::with_rule(s::integer("config.version"), "version"), false, ""},
        {"lang", s::choice({"es", "en"}, "config.lang"),
         false, ""},
        {"timezone", s::with_rule(s::str("config.timezone"), "timezone"),
         false, ""},
        {"plan", section_plan(), false, ""},
        {"window", section_window(), false, ""},
        {"lease", section_lease(), false, ""},
        {"release", section_release(), false, ""},
        {"quality", section_quality(), false, ""},
        {"environment", section_environment(), false, ""},
        {"database", section_database(), false, ""},
        {"maintenance", section_maintenance(), false, ""},
        {"deploy", section_deploy(), false, ""},
        {"smoke", section_smoke(), false, ""},
        {"rollback", section_rollback(), false, ""},
        {"notify", section_notify(), false, ""},
        {"checklist", section_checklist(), false, ""},
        {"privacy", section_privacy(), false, ""},
    });
    return root;
}

} // namespace compuerta::core::config
