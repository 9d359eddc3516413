// RENAPO's JSON consult: POST {"curp": ..., "tipoBusqueda": "curp"}, answered
// with codigo, mensaje and registros (the persons found).
#include "app.hpp"

#include <curl/curl.h>

namespace sep_muses {

namespace {
size_t collect(char* data, size_t size, size_t n, void* out) {
    auto* s = static_cast<std::string*>(out);
    if (s->size() > 1'000'000) return 0; // a bounded answer
    s->append(data, size * n);
    return size * n;
}
} // namespace

RenapoAnswer renapo_lookup(const std::string& url, const std::string& curp) {
    RenapoAnswer a;
    CURL* c = curl_easy_init();
    if (c == nullptr) {
        a.message = "libcurl could not start";
        return a;
    }
    std::string request = nlohmann::json{{"curp", curp}, {"tipoBusqueda", "curp"}}.dump();
    std::string answer;
    curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json");
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.c_str());
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 5000L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &answer);
    CURLcode rc = curl_easy_perform(c);
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(headers);
    curl_easy_cleanup(c);
    if (rc != CURLE_OK) {
        a.message = curl_easy_strerror(rc);
        return a;
    }
    auto j = nlohmann::json::parse(answer, nullptr, false);
    if (status >= 500 || j.is_discarded() || !j.is_object()) {
        a.message = "RENAPO answered " + std::to_string(status) + (j.is_discarded() ? " with a body that is not JSON" : "");
        return a;
    }
    a.reachable = true;
    a.message = j.value("codigo", std::string()) + " " + j.value("mensaje", std::string());
    const auto& r = j.contains("registros") ? j["registros"] : nlohmann::json();
    a.found = r.is_array() && !r.empty();
    return a;
}

} // namespace sep_muses
