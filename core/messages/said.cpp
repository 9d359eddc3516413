#include "core/messages/said.hpp"

#include <mutex>
#include <unordered_map>

namespace compuerta::core::msg {

namespace {

struct Meaning {
    std::string id;
    Params params;
    std::optional<long long> n;
};

// Bounded: a long-lived process (the tests) renders many texts; when full,
// the memory starts again (a text not found is only stored as a literal).
constexpr std::size_t k_limit = 50'000;

struct Memory {
    std::mutex mutex;
    std::unordered_map<std::string, Meaning> by_text;
};

Memory& memory() {
    static auto* m = new Memory(); // never destroyed: texts may be rendered during exit
    return *m;
}

std::optional<Meaning> find(const std::string& text) {
    Memory& m = memory();
    std::lock_guard lock(m.mutex);
    auto it = m.by_text.find(text);
    if (it == m.by_text.end())
        return std::nullopt;
    return it->second;
}

nlohmann::json to_json(const Meaning& m, int depth) {
    nlohmann::json j;
    j["id"] = m.id;
    nlohmann::json params = nlohmann::json::object();
    for (const auto& p : m.params) {
        std::optional<Meaning> nested =
            depth < 4 && !p.value.empty() ? find(p.value) : std::nullopt;
        params[p.name] = nested ? to_json(*nested, depth + 1) : nlohmann::json(p.value);
    }
    if (!params.empty())
        j["params"] = std::move(params);
    if (m.n)
        j["n"] = *m.n;
    return j;
}

bool is_meaning(const nlohmann::json& j) {
    return j.is_object() && j.contains("id") && j["id"].is_string();
}

std::optional<std::string> render_meaning(Lang lang, const nlohmann::json& j, int depth) {
    if (!is_meaning(j) || depth > 4)
        return std::nullopt;
    std::string id = j["id"].get<std::string>();
    if (!has(lang, id))
        return std::nullopt; // an id this build does not know: show the stored text
    Params params;
    if (j.contains("params")) {
        if (!j["params"].is_object())
            return std::nullopt;
        for (auto it = j["params"].begin(); it != j["params"].end(); ++it) {
            if (it->is_string()) {
                params.emplace_back(it.key(), it->get<std::string>());
                continue;
            }
            auto nested = render_meaning(lang, *it, depth + 1);
            if (!nested)
                return std::nullopt;
            params.emplace_back(it.key(), *nested);
        }
    }
    if (j.contains("n")) {
        if (!j["n"].is_number_integer())
            return std::nullopt;
        return plural(lang, id, j["n"].get<long long>(), params);
    }
    return text(lang, id, params);
}

} // namespace

void remember(std::string_view id, const Params& params, const long long* n,
              const std::string& rendered) {
    if (rendered.empty())
        return;
    Memory& m = memory();
    std::lock_guard lock(m.mutex);
    if (m.by_text.size() >= k_limit)
        m.by_text.clear();
    m.by_text.insert_or_assign(rendered,
                               Meaning{std::string(id), params,
                                       n != nullptr ? std::optional<long long>(*n) : std::nullopt});
}

nlohmann::json meaning_of(const std::string& text) {
    auto m = find(text);
    return m ? to_json(*m, 0) : nlohmann::json();
}

nlohmann::json said(const std::vector<std::string>& pieces) {
    nlohmann::json parts = nlohmann::json::array();
    for (const auto& piece : pieces) {
        if (piece.empty())
            continue;
        nlohmann::json m = meaning_of(piece);
        parts.push_back(m.is_null() ? nlohmann::json{{"text", piece}} : std::move(m));
    }
    return parts;
}

std::optional<std::string> render(Lang lang, const nlohmann::json& said) {
    if (!said.is_array() || said.empty())
        return std::nullopt;
    std::string out;
    for (const auto& part : said) {
        if (part.is_object() && part.size() == 1 && part.contains("text") &&
            part["text"].is_string()) {
            out += part["text"].get<std::string>();
            continue;
        }
        auto piece = render_meaning(lang, part, 0);
        if (!piece)
            return std::nullopt;
        out += *piece;
    }
    return out;
}

} // namespace compuerta::core::msg
