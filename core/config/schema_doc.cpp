// The configuration reference in Markdown, generated from the schema so the
// docs cannot drift (docs/configuration.md embeds it; a test compares).
#include "core/config/schema.hpp"

#include <fmt/format.h>

namespace compuerta::core::config {

namespace {

std::string type_of(const Node& n) {
    switch (n.kind) {
    case Kind::string: return n.secret ? "string (secret)" : n.dsn ? "DSN (password secret)" : n.url ? "URL (user-info secret)" : "string";
    case Kind::templ: return "command template";
    case Kind::integer: return "integer";
    case Kind::number: return "number";
    case Kind::boolean: return "boolean";
    case Kind::duration: return "duration";
    case Kind::choice: {
        std::string c;
        for (const auto& x : n.choices) c += (c.empty() ? "" : " \\| ") + ("`" + x + "`");
        return c;
    }
    case Kind::list: return "list of " + (n.item->kind == Kind::map ? std::string("mappings") : type_of(*n.item));
    case Kind::map: return "mapping";
    case Kind::map_of: return "mapping of name → " + type_of(*n.item);
    case Kind::one_of: return "mapping chosen by `" + n.discriminator + "`";
    case Kind::any: return "any";
    }
    return "";
}

void rows(const Node& n, const std::string& path, std::string& out, std::vector<std::pair<std::string, const Node*>>& variants) {
    if (n.kind == Kind::map) {
        for (const auto& f : n.fields) {
            std::string p = path.empty() ? f.name : path + "." + f.name;
            std::string doc = f.schema->doc.empty() ? f.doc : f.schema->doc;
            std::string def = f.schema->default_value.empty() ? "" : " Default: `" + f.schema->default_value + "`.";
            out += fmt::format("| `{}` | {} | {}{}{} |\n", p, type_of(*f.schema), f.required ? "**required.** " : "", doc,
                               def);
            if (f.schema->kind == Kind::map) rows(*f.schema, p, out, variants);
            if (f.schema->kind == Kind::list && f.schema->item->kind == Kind::map) rows(*f.schema->item, p + "[]", out, variants);
            if (f.schema->kind == Kind::list && f.schema->item->kind == Kind::one_of)
                variants.emplace_back(p + "[]", f.schema->item.get());
        }
    }
}

} // namespace

std::string schema_markdown(const NodePtr& root) {
    std::string out;
    std::vector<std::pair<std::string, const Node*>> variants;
    for (const auto& section : root->fields) {
        out += fmt::format("\n### `{}`\n\n", section.name);
        if (section.schema->kind != Kind::map) {
            out += fmt::format("{}: {}\n", type_of(*section.schema), section.schema->doc);
            continue;
        }
        out += "| key | type | meaning |\n|---|---|---|\n";
        std::vector<std::pair<std::string, const Node*>> local;
        rows(*section.schema, section.name, out, local);
        for (const auto& [path, node] : local) {
            for (const auto& [kind, schema] : node->variants) {
                out += fmt::format("\n#### `{}` with `{}: {}`\n\n| key | type | meaning |\n|---|---|---|\n", path,
                                   node->discriminator, kind);
                std::vector<std::pair<std::string, const Node*>> none;
                rows(*schema, path, out, none);
            }
        }
    }
    return out;
}

} // namespace compuerta::core::config
