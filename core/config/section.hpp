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
#include "core/config/config.hpp"
#include "core/config/schema.hpp"
#include "core/errors.hpp"

#include <functional>
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
    // A list of command templates, as written.
    SectionDecl& templates(std::string key, std::vector<std::string> S::*member, std::string doc) {
        return add(std::move(key), s::list(s::templ(), std::move(doc)), "",
                   [member](S& out, const Value& val) {
                       for (const auto& v : val.items())
                           (out.*member).push_back(v.raw());
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

    const std::string& name() const { return m_name; }
    // The map node of this section, each field carrying its default.
    NodePtr schema() const {
        std::vector<Field> fields;
        for (const auto& f : m_fields)
            fields.push_back(Field{f.key, f.node, false, ""});
        return s::map(std::move(fields));
    }
    // The section parsed: every key read once, absent keys at their default.
    // Throws ConfigError (file:line:column) for a value of the wrong type.
    S read(const Config& cfg) const {
        S out{};
        Value section = cfg[m_name];
        for (const auto& f : m_fields)
            f.read(out, section[f.key]);
        return out;
    }
    // The default as written in docs and --help ("10m"); "" when none.
    std::string default_of(const std::string& key) const {
        for (const auto& f : m_fields)
            if (f.key == key)
                return f.def;
        throw std::logic_error("section " + m_name + " has no key " + key);
    }

  private:
    struct Entry {
        std::string key;
        NodePtr node;
        std::string def;
        std::function<void(S&, const Value&)> read;
    };
    SectionDecl& add(std::string key, NodePtr node, std::string def,
                     std::function<void(S&, const Value&)> read) {
        if (!def.empty())
            node = s::with_default(node, def);
        m_fields.push_back(Entry{std::move(key), std::move(node), std::move(def), std::move(read)});
        return *this;
    }
    std::string m_name;
    std::vector<Entry> m_fields;
};

} // namespace compuerta::core::config
