#include "core/messages/catalog.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/locale/gnu_gettext.hpp>
#include <fmt/args.h>
#include <locale>
#include <mutex>

namespace compuerta::core::msg {

// Generated at build time from po/<lang>/*.po (core/messages/embed.cmake).
namespace data {
extern const unsigned char en_mo[];
extern const std::size_t en_mo_size;
extern const unsigned char es_mo[];
extern const std::size_t es_mo_size;
} // namespace data

namespace {

std::atomic<Lang> g_current{Lang::en};

using Facet = boost::locale::message_format<char>;

struct Loaded {
    std::once_flag once;
    std::locale holder; // owns the facet (facets are reference-counted by std::locale)
    const Facet* facet = nullptr;
    int domain = 0;
};

Loaded& loaded(Lang lang) {
    static std::array<Loaded, 2> catalogs;
    Loaded& l = catalogs[lang == Lang::es ? 1 : 0];
    std::call_once(l.once, [&] {
        namespace gg = boost::locale::gnu_gettext;
        gg::messages_info info;
        info.language = code(lang);
        info.encoding = "UTF-8";
        info.domains.emplace_back("compuerta");
        info.paths.emplace_back("embedded");
        // The loader asks for embedded/<lang>/LC_MESSAGES/compuerta.mo; the
        // answer is the catalog compiled into the binary, never a file.
        info.callback = [lang](const std::string& file, const std::string&) {
            std::string want = std::string("embedded/") + code(lang) + "/LC_MESSAGES/compuerta.mo";
            if (file != want) return std::vector<char>();
            const unsigned char* bytes = lang == Lang::es ? data::es_mo : data::en_mo;
            std::size_t size = lang == Lang::es ? data::es_mo_size : data::en_mo_size;
            return std::vector<char>(bytes, bytes + size);
        };
        l.holder = std::locale(std::locale::classic(), gg::create_messages_facet<char>(info));
        l.facet = &std::use_facet<Facet>(l.holder);
        l.domain = l.facet->domain("compuerta");
    });
    return l;
}

std::string fill(std::string_view pattern, const Params& params, const long long* n) {
    fmt::dynamic_format_arg_store<fmt::format_context> store;
    if (n != nullptr) store.push_back(fmt::arg("n", *n));
    for (const auto& p : params) store.push_back(fmt::arg(p.name.c_str(), p.value));
    try {
        return fmt::vformat(pattern, store);
    } catch (const fmt::format_error&) {
        // A text whose placeholders do not match its parameters (the catalog
        // test catches it): shown as written rather than failing the run.
        return std::string(pattern);
    }
}

} // namespace

Lang current() noexcept { return g_current.load(std::memory_order_relaxed); }
void set_current(Lang lang) noexcept { g_current.store(lang, std::memory_order_relaxed); }

std::string text(Lang lang, std::string_view id, const Params& params) {
    Loaded& l = loaded(lang);
    std::string key(id);
    const char* found = l.facet->get(l.domain, nullptr, key.c_str());
    return fill(found != nullptr ? std::string_view(found) : std::string_view(key), params, nullptr);
}

std::string plural(Lang lang, std::string_view id, long long n, const Params& params) {
    Loaded& l = loaded(lang);
    std::string key(id);
    const char* found = l.facet->get(l.domain, nullptr, key.c_str(),
                                    static_cast<int>(std::clamp<long long>(n, -1'000'000'000, 1'000'000'000)));
    return fill(found != nullptr ? std::string_view(found) : std::string_view(key), params, &n);
}

bool has(Lang lang, std::string_view id) {
    Loaded& l = loaded(lang);
    std::string key(id);
    return l.facet->get(l.domain, nullptr, key.c_str()) != nullptr ||
           l.facet->get(l.domain, nullptr, key.c_str(), 1) != nullptr;
}

} // namespace compuerta::core::msg
