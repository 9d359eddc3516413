// The configuration reference in Markdown, generated from the schema so the
// docs cannot drift (docs/configuration.md embeds the English one; a test
// compares). Each key's text is a catalog id (po/<lang>/config.po), so
// `config check --reference --lang es` prints the same reference in Spanish.
#include "core/config/schema.hpp"
#include "core/messages/catalog.hpp"

#include <fmt/format.h>

namespace compuerta::core::config {

namespace {

std::string t(msg::Lang lang, std::string_view id, const msg::Params& params = {}) {
    return msg::text(lang, id, params);
}

std::string type_of(msg::Lang lang, const Node& n) {
    switch (n.kind) {
    case Kind::string:
        return t(lang, n.secret ? "config.ref.type.secret"
                       : n.dsn  ? "config.ref.type.dsn"
                       : n.url  ? "config.ref.type.url"
                                : "config.ref.type.string");
    case Kind::templ:
        return t(lang, "config.ref.type.template");
    case Kind::integer:
        return t(lang, "config.ref.type.integer");
    case Kind::number:
        return t(lang, "config.ref.type.number");
    case Kind::boolean:
        return t(lang, "config.ref.type.boolean");
    case Kind::duration:
        return t(lang, "config.ref.type.duration");
    case Kind::choice: {
        std::string c;
        for (const auto& x : n.choices)
            c += (c.empty() ? "" : " \\| ") + ("`" + x + "`");
        return c;
    }
    case Kind::list:
        return t(lang, "config.ref.type.list",
                 {{"item", n.item->kind == Kind::map ? t(lang, "config.ref.type.mappings")
                                                     : type_of(lang, *n.item)}});
    case Kind::map:
        return t(lang, "config.ref.type.map");
    case Kind::map_of:
        return t(lang, "config.ref.type.map_of", {{"item", type_of(lang, *n.item)}});
    case Kind::one_of:
        return t(lang, "config.ref.type.one_of", {{"key", "`" + n.discriminator + "`"}});
    case Kind::any:
        return t(lang, "config.ref.type.any");
    }
    return "";
}

// A key's text: its catalog id rendered in `lang` ("" when it has none).
std::string doc_of(msg::Lang lang, const std::string& id) {
    return id.empty() ? "" : t(lang, id);
}

using Variants = std::vector<std::pair<std::string, const Node*>>;

void rows(msg::Lang lang, const Node& n, const std::string& path, std::string& out,
          Variants& variants) {
    if (n.kind != Kind::map)
        return;
    for (const auto& f : n.fields) {
        std::string p = path.empty() ? f.name : path + "." + f.name;
        std::string doc = doc_of(lang, f.schema->doc.empty() ? f.doc : f.schema->doc);
        std::string def = f.schema->default_value.empty()
                              ? ""
                              : " " + t(lang, "config.ref.default",
                                        {{"value", "`" + f.schema->default_value + "`"}});
        out += fmt::format("| `{}` | {} | {}{}{} |\n", p, type_of(lang, *f.schema),
                           f.required ? t(lang, "config.ref.required") + " " : "", doc, def);
        if (f.schema->kind == Kind::map)
            rows(lang, *f.schema, p, out, variants);
        if (f.schema->kind == Kind::list && f.schema->item->kind == Kind::map)
            rows(lang, *f.schema->item, p + "[]", out, variants);
        if (f.schema->kind == Kind::list && f.schema->item->kind == Kind::one_of)
            variants.emplace_back(p + "[]", f.schema->item.get());
    }
}

std::string table_head(msg::Lang lang) {
    return fmt::format("| {} | {} | {} |\n|---|---|---|\n", t(lang, "config.ref.col.key"),
                       t(lang, "config.ref.col.type"), t(lang, "config.ref.col.meaning"));
}

} // namespace

std::string schema_markdown(const NodePtr& root, msg::Lang lang) {
    std::string out;
    for (const auto& section : root->fields) {
        out += fmt::format("\n### `{}`\n\n", section.name);
        if (section.schema->kind != Kind::map) {
            out += fmt::format("{}: {}\n", type_of(lang, *section.schema),
                               doc_of(lang, section.schema->doc));
            continue;
        }
        out += table_head(lang);
        Variants local;
        rows(lang, *section.schema, section.name, out, local);
        for (const auto& [path, node] : local) {
            for (const auto& [kind, schema] : node->variants) {
                out += "\n#### " +
                       t(lang, "config.ref.variant",
                         {{"path", "`" + path + "`"},
                          {"choice", "`" + node->discriminator + ": " + kind + "`"}}) +
                       "\n\n" + table_head(lang);
                Variants none;
                rows(lang, *schema, path, out, none);
            }
        }
    }
    return out;
}

void for_each_doc(
    const NodePtr& root,
    const std::function<void(const std::string& path, const std::string& id)>& visit) {
    std::function<void(const Node&, const std::string&)> walk = [&](const Node& n,
                                                                    const std::string& path) {
        if (!n.doc.empty())
            visit(path, n.doc);
        if (n.item)
            walk(*n.item, path + "[]");
        for (const auto& f : n.fields) {
            std::string p = path.empty() ? f.name : path + "." + f.name;
            if (!f.doc.empty())
                visit(p, f.doc);
            walk(*f.schema, p);
        }
        for (const auto& [kind, v] : n.variants)
            walk(*v, path + "<" + kind + ">");
    };
    walk(*root, "");
}

} // namespace compuerta::core::config
