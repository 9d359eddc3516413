#pragma once
// What a check kind's declaration needs beyond core/config/section.hpp: a
// value that keeps where it was written, for the checks a kind makes past its
// type (a range, two keys that disagree), so the error still names
// file:line:column and the key. A kind declares its keys once
// (SectionDecl<XConfig>, registry row in smoke/registry.cpp); the same
// declaration is the schema of its item of smoke.checks and what its
// factory reads (docs/adding-a-check.md).
#include "core/config/section.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace compuerta::smoke::checks {

namespace cfg = core::config;

// `&S::key`, or the key of a base of S (the http kinds share a base):
// never deduced, so a base's member converts.
template <class S, class T> using Member = std::type_identity_t<T> std::type_identity_t<S>::*;

template <class T> struct Placed {
    T value{};
    cfg::Value at;                                        // the key as read (absent: its path only)
    std::string where() const { return at.where(); }      // "compuerta.yml:12:7", "" when absent
    const std::string& path() const { return at.path(); } // "smoke.checks[0].max_body"
};

// A whole number with a default, and its place.
template <class S>
cfg::SectionDecl<S>& placed_integer(cfg::SectionDecl<S>& d, std::string key,
                                    Member<S, Placed<std::int64_t>> member, std::int64_t def,
                                    std::string doc) {
    return d.custom(std::move(key),
                    cfg::s::with_default(cfg::s::integer(std::move(doc)), std::to_string(def)),
                    [member, def](S& out, const cfg::Value& v) {
                        out.*member = {v.present() ? v.integer() : def, v};
                    });
}

// A whole number with no default (absent: nullopt), and its place.
template <class S>
cfg::SectionDecl<S>& placed_optional_integer(cfg::SectionDecl<S>& d, std::string key,
                                             Member<S, Placed<std::optional<std::int64_t>>> member,
                                             std::string doc) {
    return d.custom(std::move(key), cfg::s::integer(std::move(doc)),
                    [member](S& out, const cfg::Value& v) {
                        out.*member = {v.present() ? std::optional(v.integer()) : std::nullopt, v};
                    });
}

// A duration with no default (absent: nullopt), and its place.
template <class S>
cfg::SectionDecl<S>& placed_optional_duration(cfg::SectionDecl<S>& d, std::string key,
                                              Member<S, Placed<std::optional<core::Millis>>> member,
                                              std::string doc) {
    return d.custom(std::move(key), cfg::s::duration(std::move(doc)),
                    [member](S& out, const cfg::Value& v) {
                        out.*member = {v.duration_opt(), v};
                    });
}

// A string (its node: str, url, a rule...), `${VAR}`-expanded, and its place;
// absent: "" (required() makes validation refuse that).
template <class S>
cfg::SectionDecl<S>& placed_text(cfg::SectionDecl<S>& d, std::string key,
                                 Member<S, Placed<std::string>> member, cfg::NodePtr node) {
    return d.custom(std::move(key), std::move(node), [member](S& out, const cfg::Value& v) {
        out.*member = {v.present() ? v.str() : "", v};
    });
}

// A string with no default (absent: nullopt), and its place.
template <class S>
cfg::SectionDecl<S>& placed_optional_text(cfg::SectionDecl<S>& d, std::string key,
                                          Member<S, Placed<std::optional<std::string>>> member,
                                          cfg::NodePtr node) {
    return d.custom(std::move(key), std::move(node), [member](S& out, const cfg::Value& v) {
        out.*member = {v.present() ? std::optional(v.str()) : std::nullopt, v};
    });
}

// A list of strings with no default (absent: nullopt: the kind picks).
template <class S>
cfg::SectionDecl<S>& optional_strings(cfg::SectionDecl<S>& d, std::string key,
                                      Member<S, std::optional<std::vector<std::string>>> member,
                                      cfg::NodePtr node) {
    return d.custom(std::move(key), std::move(node), [member](S& out, const cfg::Value& v) {
        if (v.present())
            out.*member = v.strings();
    });
}

// A mapping of free names to strings, each `${VAR}`-expanded with its place, in file order.
template <class S>
cfg::SectionDecl<S>&
placed_text_map(cfg::SectionDecl<S>& d, std::string key,
                Member<S, std::vector<std::pair<std::string, Placed<std::string>>>> member,
                std::string doc) {
    return d.custom(std::move(key), cfg::s::map_of(cfg::s::str(), std::move(doc)),
                    [member](S& out, const cfg::Value& v) {
                        std::vector<std::pair<std::string, Placed<std::string>>> read;
                        for (const auto& [name, value] : v.entries())
                            read.emplace_back(name, Placed<std::string>{value.str(), value});
                        out.*member = std::move(read);
                    });
}

// A mapping read by `item`'s declaration (its schema is the key's node), and its place.
template <class S, class T>
cfg::SectionDecl<S>& placed_map(cfg::SectionDecl<S>& d, std::string key,
                                Member<S, Placed<T>> member, const cfg::SectionDecl<T>& item) {
    return d.custom(std::move(key), item.schema(), [member, &item](S& out, const cfg::Value& v) {
        out.*member = {item.read(v), v};
    });
}

// A list of mappings, each read by `item`'s declaration with its place;
// `node`: the list's schema (its item may carry a rule).
template <class S, class T>
cfg::SectionDecl<S>& placed_list_of(cfg::SectionDecl<S>& d, std::string key,
                                    Member<S, std::vector<Placed<T>>> member,
                                    const cfg::SectionDecl<T>& item, cfg::NodePtr node) {
    return d.custom(std::move(key), std::move(node), [member, &item](S& out, const cfg::Value& v) {
        std::vector<Placed<T>> read;
        for (const auto& e : v.items())
            read.push_back({item.read(e), e});
        out.*member = std::move(read);
    });
}

// A list of whole numbers, each with its place.
template <class S>
cfg::SectionDecl<S>& placed_integers(cfg::SectionDecl<S>& d, std::string key,
                                     Member<S, std::vector<Placed<std::int64_t>>> member,
                                     std::string doc) {
    return d.custom(std::move(key), cfg::s::list(cfg::s::integer(), std::move(doc)),
                    [member](S& out, const cfg::Value& v) {
                        std::vector<Placed<std::int64_t>> read;
                        for (const auto& e : v.items())
                            read.push_back({e.integer(), e});
                        out.*member = std::move(read);
                    });
}

} // namespace compuerta::smoke::checks
