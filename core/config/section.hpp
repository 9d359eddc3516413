#pragma once
// A typed configuration section, declared once: each key with its type,
// default and help text, bound to a member of the section's struct. The same
// declaration gives the schema (validation, `config check --reference`,
// docs/configuration.md), the parsed struct (read once per command) and the
// defaults that --help texts quote, so none of them can disagree.
//
//   const SectionDecl<RollbackSection>& decl = rollback_decl();
//   RollbackSection r = decl.read(cfg);      // absent keys take their default
//   decl.default_of("tool_timeout");         // "2h"
//
// Keys may be dotted ("backup.dir"): the field lives in a nested mapping,
// documented with group(). A declaration also reads one mapping that is not a
// section (a list item: list_of(), or a value in hand: read(Value)). Help texts
// are catalog ids (po/<lang>/config.po).
#include "core/config/config.hpp"
#include "core/config/given_flags.hpp"
#include "core/config/schema.hpp"
#include "core/errors.hpp"
#include "core/util/text.hpp"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace compuerta::core::config {

template <class S> class SectionDecl {
  public:
    explicit SectionDecl(std::string name) : m_name(std::move(name)) {}

    // A duration ("30s", "10m"); `def` as a user would write it.
    SectionDecl& duration(std::string key, Millis S::*member, std::string def, std::string doc) {
        auto d = parse_duration(def);
        if (!d)
            throw std::logic_error("section " + m_name + ": default of " + key +
                                   " is not a duration");
        return add(std::move(key), s::duration(std::move(doc)), def,
                   [member, v = *d](S& out, const Value& val) {
                       out.*member = val.present() ? val.duration() : v;
                   });
    }
    // A string, `${VAR}`-expanded where read.
    SectionDecl& text(std::string key, std::string S::*member, std::string def, std::string doc) {
        return add(std::move(key), s::str(std::move(doc)), def,
                   [member, def](S& out, const Value& val) {
                       out.*member = val.present() ? val.str() : def;
                   });
    }
    // A string with no default (absent: nullopt).
    SectionDecl& optional_text(std::string key, std::optional<std::string> S::*member,
                               NodePtr node) {
        return add(std::move(key), std::move(node), "", [member](S& out, const Value& val) {
            if (val.present())
                out.*member = val.str();
        });
    }
    // A command template: kept as written (`{tag}` is filled later), absent: nullopt.
    SectionDecl& optional_template(std::string key, std::optional<std::string> S::*member,
                                   std::string doc) {
        return add(std::move(key), s::templ(std::move(doc)), "",
                   [member](S& out, const Value& val) {
                       if (val.present())
                           out.*member = val.raw();
                   });
    }
    // A command template with a default, kept as written.
    SectionDecl& template_text(std::string key, std::string S::*member, std::string def,
                               std::string doc) {
        return add(std::move(key), s::templ(std::move(doc)), def,
                   [member, def](S& out, const Value& val) {
                       out.*member = val.present() ? val.raw() : def;
                   });
    }
    // A list of command templates, as written.
    SectionDecl& templates(std::string key, std::vector<std::string> S::*member, std::string doc) {
        return add(std::move(key), s::list(s::templ(), std::move(doc)), "",
                   [member](S& out, const Value& val) {
                       std::vector<std::string> read;
                       for (const auto& v : val.items())
                           read.push_back(v.raw());
                       out.*member = std::move(read);
                   });
    }
    // A list of strings; `def` when absent.
    SectionDecl& strings(std::string key, std::vector<std::string> S::*member,
                         std::vector<std::string> def, std::string doc) {
        std::string shown;
        for (const auto& d : def)
            shown += (shown.empty() ? "[" : ", ") + d;
        if (!def.empty())
            shown += "]";
        return add(std::move(key), s::list(s::str(), std::move(doc)), shown,
                   [member, def](S& out, const Value& val) {
                       out.*member = val.present() ? val.strings() : def;
                   });
    }

    // A whole number; `def` when absent.
    SectionDecl& integer(std::string key, std::int64_t S::*member, std::int64_t def,
                         std::string doc) {
        return add(std::move(key), s::integer(std::move(doc)), std::to_string(def),
                   [member, def](S& out, const Value& val) {
                       out.*member = val.present() ? val.integer() : def;
                   });
    }
    // A whole number with no default (absent: nullopt).
    SectionDecl& optional_integer(std::string key, std::optional<std::int64_t> S::*member,
                                  std::string doc) {
        return add(std::move(key), s::integer(std::move(doc)), "",
                   [member](S& out, const Value& val) {
                       if (val.present())
                           out.*member = val.integer();
                   });
    }
    // A decimal number; `def` as a user would write it ("1.0").
    SectionDecl& number(std::string key, double S::*member, std::string def, std::string doc) {
        double v = std::stod(def);
        return add(std::move(key), s::number(std::move(doc)), def,
                   [member, v](S& out, const Value& val) { out.*member = val.number_or(v); });
    }
    SectionDecl& boolean(std::string key, bool S::*member, bool def, std::string doc) {
        return add(std::move(key), s::boolean(std::move(doc)), def ? "true" : "false",
                   [member, def](S& out, const Value& val) { out.*member = val.boolean_or(def); });
    }
    // One of `choices`; `def` when absent (validation refuses another value).
    SectionDecl& choice(std::string key, std::string S::*member, std::vector<std::string> choices,
                        std::string def, std::string doc) {
        return add(std::move(key), s::choice(std::move(choices), std::move(doc)), def,
                   [member, def](S& out, const Value& val) {
                       out.*member = val.present() ? val.str() : def;
                   });
    }
    // A duration with no default (absent: nullopt).
    SectionDecl& optional_duration(std::string key, std::optional<Millis> S::*member,
                                   std::string doc) {
        return add(std::move(key), s::duration(std::move(doc)), "",
                   [member](S& out, const Value& val) { out.*member = val.duration_opt(); });
    }
    // A string whose node says more (secret, DSN, URL, a rule); `def` when absent.
    SectionDecl& text_node(std::string key, std::string S::*member, NodePtr node, std::string def) {
        return add(std::move(key), std::move(node), def, [member, def](S& out, const Value& val) {
            out.*member = val.present() ? val.str() : def;
        });
    }
    // A mapping of free names to strings, `${VAR}`-expanded, in file order.
    SectionDecl& text_map(std::string key,
                          std::vector<std::pair<std::string, std::string>> S::*member,
                          std::string doc) {
        return add(std::move(key), s::map_of(s::str(), std::move(doc)), "",
                   [member](S& out, const Value& val) {
                       std::vector<std::pair<std::string, std::string>> read;
                       for (const auto& [name, v] : val.entries())
                           read.emplace_back(name, v.str());
                       out.*member = std::move(read);
                   });
    }
    // A list of mappings, each read by `item`'s declaration.
    template <class T>
    SectionDecl& list_of(std::string key, std::vector<T> S::*member, const SectionDecl<T>& item,
                         std::string doc) {
        return add(std::move(key), s::list(item.schema(), std::move(doc)), "",
                   [member, &item](S& out, const Value& val) {
                       std::vector<T> read;
                       for (const auto& v : val.items())
                           read.push_back(item.read(v));
                       out.*member = std::move(read);
                   });
    }
    // A key whose shape this declaration does not know (a plug-in's
    // variants): its schema node and how the struct takes the value.
    SectionDecl& custom(std::string key, NodePtr node, std::function<void(S&, const Value&)> read) {
        return add(std::move(key), std::move(node), "", std::move(read));
    }
    // The help text (catalog id) of a nested mapping ("backup").
    SectionDecl& group(std::string key, std::string doc) {
        m_groups[std::move(key)] = std::move(doc);
        return *this;
    }
    // The last field declared must be present (validation says where).
    SectionDecl& required() {
        m_fields.back().required = true;
        return *this;
    }

    const std::string& name() const { return m_name; }
    // The map node of this section, each field carrying its default.
    NodePtr schema() const { return schema_under(""); }
    // The section parsed: every key read once, absent keys at their default.
    // Throws ConfigError (file:line:column) for a value of the wrong type.
    S read(const Config& cfg) const { return read(cfg[m_name]); }
    // The section with the command line over it (core/config/given_flags.hpp):
    // each binding's flag, when given, replaces its key's value.
    S read(const Config& cfg, const GivenFlags& given,
           const std::vector<FlagBinding>& bindings) const {
        return read(cfg[m_name], given, bindings);
    }
    // The same over a mapping in hand (quality.qa read on its own).
    S read(const Value& map, const GivenFlags& given,
           const std::vector<FlagBinding>& bindings) const {
        S out = read(map);
        for (const auto& b : bindings) {
            const Entry& f = entry(b.key);
            const std::string path = map.path().empty() ? b.key : map.path() + "." + b.key;
            if (auto values = given.given(b.flag))
                f.read(out, flag_value(b.flag, path, *values, f.node));
        }
        return out;
    }
    // A mapping in hand (a list item, a variant) read the same way.
    S read(const Value& map) const {
        S out{};
        for (const auto& f : m_fields) {
            Value v = map;
            for (const auto& part : f.path)
                v = v[part];
            f.read(out, v);
        }
        return out;
    }
    // The default as written in docs and --help ("10m"); "" when none.
    std::string default_of(const std::string& key) const { return entry(key).def; }

  private:
    struct Entry {
        std::string key;
        NodePtr node;
        std::string def;
        std::function<void(S&, const Value&)> read;
        std::vector<std::string> path; // `key` split at its dots, once
        bool required = false;
    };
    const Entry& entry(const std::string& key) const {
        for (const auto& f : m_fields)
            if (f.key == key)
                return f;
        throw std::logic_error("section " + m_name + " has no key " + key);
    }
    // The fields under `prefix` ("" or "backup."), nested mappings in the
    // order their first key was declared.
    NodePtr schema_under(const std::string& prefix) const {
        std::vector<Field> fields;
        std::vector<std::string> groups_done;
        for (const auto& f : m_fields) {
            if (f.key.compare(0, prefix.size(), prefix) != 0)
                continue;
            std::string rest = f.key.substr(prefix.size());
            auto dot = rest.find('.');
            if (dot == std::string::npos) {
                fields.push_back(Field{rest, f.node, f.required, ""});
                continue;
            }
            std::string group = rest.substr(0, dot);
            if (std::find(groups_done.begin(), groups_done.end(), group) != groups_done.end())
                continue;
            groups_done.push_back(group);
            auto doc = m_groups.find(prefix + group);
            NodePtr sub = schema_under(prefix + group + ".");
            if (doc != m_groups.end()) {
                auto n = std::make_shared<Node>(*sub);
                n->doc = doc->second;
                sub = n;
            }
            fields.push_back(Field{group, sub, false, ""});
        }
        return s::map(std::move(fields));
    }
    SectionDecl& add(std::string key, NodePtr node, std::string def,
                     std::function<void(S&, const Value&)> read) {
        if (!def.empty())
            node = s::with_default(node, def);
        std::vector<std::string> path = util::split(key, '.');
        m_fields.push_back(Entry{std::move(key), std::move(node), std::move(def), std::move(read),
                                 std::move(path)});
        return *this;
    }
    std::string m_name;
    std::vector<Entry> m_fields;
    std::map<std::string, std::string> m_groups;
};

} // namespace compuerta::core::config
