#include "core/messages/catalog.hpp"

#include "core/messages/catalog_data.hpp"
#include "core/messages/said.hpp"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <fmt/args.h>

namespace compuerta::core::msg {

namespace {

std::atomic<Lang> g_current{Lang::en};

// The catalog's entry for `id`, or nullptr: a binary search over the table
// compiled from po/<lang>/*.po (sorted by id at build time).
const data::Entry* find(Lang lang, std::string_view id) {
    const data::Entry* first = lang == Lang::es ? data::es_entries : data::en_entries;
    const data::Entry* last = first + (lang == Lang::es ? data::es_count : data::en_count);
    const data::Entry* it =
        std::lower_bound(first, last, id, [](const data::Entry& e, std::string_view key) {
            return std::string_view(e.id) < key;
        });
    return it != last && std::string_view(it->id) == id ? it : nullptr;
}

std::string fill(std::string_view pattern, const Params& params, const long long* n) {
    fmt::dynamic_format_arg_store<fmt::format_context> store;
    if (n != nullptr)
        store.push_back(fmt::arg("n", *n));
    for (const auto& p : params)
        store.push_back(fmt::arg(p.name.c_str(), p.value));
    try {
        return fmt::vformat(pattern, store);
    } catch (const fmt::format_error&) {
        // A text whose placeholders do not match its parameters (the catalog
        // test catches it): shown as written rather than failing the run.
        return std::string(pattern);
    }
}

} // namespace

Lang current() noexcept {
    return g_current.load(std::memory_order_relaxed);
}
void set_current(Lang lang) noexcept {
    g_current.store(lang, std::memory_order_relaxed);
}

std::string text(Lang lang, std::string_view id, const Params& params) {
    const data::Entry* e = find(lang, id);
    if (e == nullptr) return fill(id, params, nullptr);
    std::string out = fill(e->one, params, nullptr);
    remember(id, params, nullptr, out); // said.hpp: the journal stores what it means
    return out;
}

std::string plural(Lang lang, std::string_view id, long long n, const Params& params) {
    const data::Entry* e = find(lang, id);
    if (e == nullptr)
        return fill(id, params, &n);
    // Both catalogs declare gettext's "nplurals=2; plural=(n != 1);" (the
    // build refuses any other rule): the singular for exactly one.
    const char* form = n != 1 && e->other != nullptr ? e->other : e->one;
    std::string out = fill(form, params, &n);
    remember(id, params, &n, out);
    return out;
}

bool has(Lang lang, std::string_view id) {
    return find(lang, id) != nullptr;
}

} // namespace compuerta::core::msg
