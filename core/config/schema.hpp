#pragma once
// The declarative schema of compuerta.yml. Sections live in
// core/config/sections/*.cpp, one file each; docs/configuration.md mirrors them.
#include "core/messages/lang.hpp"

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace compuerta::core::config {

enum class Kind {
    string,   // any scalar, read as text; `${VAR}` expanded where used
    templ,    // command template: `{tag}` placeholders, never `${}`-expanded
    integer,  // whole number
    number,   // decimal number
    boolean,  // true/false
    duration, // "250ms", "30s", "5m", "6h", or a number of seconds
    choice,   // one of `choices`
    list,     // sequence of `item`
    map,      // fixed keys: `fields`
    map_of,   // free keys, values of `item`
    one_of,   // map whose `discriminator` key picks one of `variants`
    any       // anything (kept for extension points; avoid)
};

struct Node;
using NodePtr = std::shared_ptr<const Node>;

struct Field {
    std::string name;
    NodePtr schema;
    bool required = false;
    std::string doc; // catalog id of the key's text (po/<lang>/config.po)
};

struct Node {
    Kind kind = Kind::string;
    bool secret = false; // the whole value is a secret
    bool dsn = false;    // a libpq DSN: its password is a secret
    bool url = false;    // a URL: its user-info is a secret
    std::vector<std::string> choices;
    std::vector<Field> fields;
    NodePtr item;
    std::string discriminator;
    std::map<std::string, NodePtr> variants;
    std::string doc;           // catalog id of the text (po/<lang>/config.po)
    std::string default_value; // as a user writes it ("10m"); "" when none (docs show it)
    std::string rule; // a rule beyond the type (core/config/rules.hpp): "url.http", "curp"...
};

// Builders, so sections read like a table.
namespace s {
NodePtr str(std::string doc = {});
NodePtr secret(std::string doc = {});
NodePtr dsn(std::string doc = {});
NodePtr url(std::string doc = {});
NodePtr secret_url(std::string doc = {});
NodePtr templ(std::string doc = {});
NodePtr integer(std::string doc = {});
NodePtr number(std::string doc = {});
NodePtr boolean(std::string doc = {});
NodePtr duration(std::string doc = {});
NodePtr choice(std::vector<std::string> choices, std::string doc = {});
NodePtr list(NodePtr item, std::string doc = {});
NodePtr map(std::vector<Field> fields, std::string doc = {});
NodePtr map_of(NodePtr item, std::string doc = {});
NodePtr one_of(std::string discriminator, std::map<std::string, NodePtr> variants,
               std::string doc = {});
NodePtr any(std::string doc = {});
// A copy of `node` with a default (typed sections: core/config/section.hpp).
NodePtr with_default(const NodePtr& node, std::string default_value);
// A copy of `node` that must also satisfy the named rule (core/config/rules.hpp).
NodePtr with_rule(const NodePtr& node, std::string rule);
} // namespace s

// The whole file's schema (all sections).
NodePtr root_schema();
// The configuration reference as Markdown tables, in `lang`
// (docs/configuration.md holds the English one).
std::string schema_markdown(const NodePtr& root, msg::Lang lang = msg::Lang::en);
// Every documentation id of the schema with the key it documents
// ("smoke.checks[]<http>.url"), for the catalog test.
void for_each_doc(const NodePtr& root,
                  const std::function<void(const std::string& path, const std::string& id)>& visit);

// One function per section (core/config/sections/<name>.cpp).
NodePtr section_plan();
NodePtr section_window();
NodePtr section_lease();
NodePtr section_release();
NodePtr section_quality();
NodePtr section_environment();
NodePtr section_database();
NodePtr section_maintenance();
NodePtr section_deploy();
NodePtr section_smoke();
NodePtr section_rollback();
NodePtr section_notify();
NodePtr section_privacy();
NodePtr section_checklist();

} // namespace compuerta::core::config
