#include "plugin/gates/api/auth.hpp"

#include "core/messages/catalog.hpp"
#include "core/secrets.hpp"

namespace compuerta::plugin::gates {

std::string base64(const std::string& in) {
    static const char* k = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    std::size_t i = 0;
    for (; i + 2 < in.size(); i += 3) {
        unsigned v = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8) |
                     static_cast<unsigned char>(in[i + 2]);
        out += k[(v >> 18) & 63];
        out += k[(v >> 12) & 63];
        out += k[(v >> 6) & 63];
        out += k[v & 63];
    }
    if (i < in.size()) {
        unsigned v = static_cast<unsigned char>(in[i]) << 16;
        if (i + 1 < in.size()) v |= static_cast<unsigned char>(in[i + 1]) << 8;
        out += k[(v >> 18) & 63];
        out += k[(v >> 12) & 63];
        out += i + 1 < in.size() ? k[(v >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

ApiAuth gitlab_auth(const core::Env& env, const std::string& variable) {
    ApiAuth a;
    std::string var = variable.empty() ? "GITLAB_TOKEN" : variable;
    a.variable = var;
    if (auto t = env.get(var); t && !t->empty()) {
        core::SecretRegistry::global().add(*t, var);
        a.headers.emplace_back("PRIVATE-TOKEN", *t);
        return a;
    }
    if (variable.empty()) {
        if (auto t = env.get("CI_JOB_TOKEN"); t && !t->empty()) {
            core::SecretRegistry::global().add(*t, "CI_JOB_TOKEN");
            a.headers.emplace_back("JOB-TOKEN", *t);
            a.variable = core::msg::tr("gates.api.job_token");
        }
    }
    return a;
}

ApiAuth jira_auth(const core::Env& env, const std::string& token_variable, const std::string& user_variable) {
    ApiAuth a;
    std::string tv = token_variable.empty() ? "JIRA_TOKEN" : token_variable;
    std::string uv = user_variable.empty() ? "JIRA_USER" : user_variable;
    a.variable = tv;
    auto token = env.get(tv);
    if (!token || token->empty()) return a;
    core::SecretRegistry::global().add(*token, tv);
    if (auto user = env.get(uv); user && !user->empty()) {
        std::string b = base64(*user + ":" + *token);
        core::SecretRegistry::global().add(b, tv);
        a.headers.emplace_back("Authorization", "Basic " + b);
        a.variable = uv + "/" + tv;
    } else {
        std::string bearer = *token;
        a.headers.emplace_back("Authorization", "Bearer " + bearer);
    }
    return a;
}

} // namespace compuerta::plugin::gates
