#include "smoke/transaction/template.hpp"

#include "core/messages/catalog.hpp"

namespace compuerta::smoke::transaction {

core::Result<std::string> render(const std::string& text, const Vars& vars) {
    std::string out;
    std::size_t pos = 0;
    for (;;) {
        std::size_t open = text.find("{{", pos);
        if (open == std::string::npos) break;
        std::size_t close = text.find("}}", open + 2);
        if (close == std::string::npos) break;
        std::string name = text.substr(open + 2, close - open - 2);
        while (!name.empty() && name.front() == ' ') name.erase(0, 1);
        while (!name.empty() && name.back() == ' ') name.pop_back();
        auto it = vars.find(name);
        if (it == vars.end())
            return core::Error{
                core::msg::tr("smoke.tx.template.unknown_variable", {{"name", name}})};
        out.append(text, pos, open - pos);
        out += it->second;
        pos = close + 2;
    }
    out.append(text, pos, std::string::npos);
    return out;
}

core::Result<nlohmann::json> render_json(const nlohmann::json& j, const Vars& vars) {
    if (j.is_string()) {
        auto r = render(j.get<std::string>(), vars);
        if (!r) return r.error();
        return nlohmann::json(*r);
    }
    if (j.is_object() || j.is_array()) {
        nlohmann::json out = j;
        for (auto it = out.begin(); it != out.end(); ++it) {
            auto r = render_json(*it, vars);
            if (!r) return r.error();
            *it = *r;
        }
        return out;
    }
    return j;
}

core::Result<Rendered> render_request(const RequestTemplate& t, const Vars& vars, const std::string& base_url,
                                      const std::vector<std::pair<std::string, std::string>>& extra) {
    Rendered r;
    r.ok_status = t.ok_status;
    r.request.method = t.method;
    auto url = render(t.url, vars);
    if (!url) return url.error();
    if (url->rfind("http://", 0) == 0 || url->rfind("https://", 0) == 0) {
        r.request.url = *url;
    } else {
        if (base_url.empty())
            return core::Error{core::msg::tr("smoke.tx.template.relative_path", {{"path", *url}})};
        std::string b = base_url;
        while (!b.empty() && b.back() == '/') b.pop_back();
        r.request.url = b + (url->empty() || (*url)[0] != '/' ? "/" : "") + *url;
    }
    r.request.headers = extra;
    for (const auto& [k, v] : t.headers) {
        auto hv = render(v, vars);
        if (!hv) return hv.error();
        r.request.headers.emplace_back(k, *hv);
    }
    if (t.json) {
        auto body = render_json(*t.json, vars);
        if (!body) return body.error();
        r.request.body = body->dump();
        r.request.headers.emplace_back("Content-Type", "application/json");
    } else if (!t.body.empty()) {
        auto body = render(t.body, vars);
        if (!body) return body.error();
        r.request.body = *body;
    }
    return r;
}

} // namespace compuerta::smoke::transaction
