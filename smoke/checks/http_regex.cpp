#define PCRE2_CODE_UNIT_WIDTH 8
#include "smoke/checks/http_regex.hpp"

#include "core/messages/catalog.hpp"

#include <fmt/format.h>
#include <pcre2.h>

namespace compuerta::smoke::checks {

core::Result<std::shared_ptr<const Regex>> Regex::compile(const std::string& pattern) {
    int err = 0;
    PCRE2_SIZE offset = 0;
    pcre2_code* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(),
                                     PCRE2_UTF | PCRE2_MATCH_INVALID_UTF,
                                     &err, &offset, nullptr);
    if (code == nullptr) {
        PCRE2_UCHAR buf[256];
        pcre2_get_error_message(err, buf, sizeof buf);
        return core::Error{
            core::msg::tr("smoke.regex.invalid", {{"pattern", pattern},
                                                  {"reason", reinterpret_cast<const char*>(buf)},
                                                  {"offset", offset}})};
    }
    pcre2_jit_compile(code, PCRE2_JIT_COMPLETE); // best effort; the interpreter works without it
    return std::shared_ptr<const Regex>(new Regex(pattern, code));
}

Regex::~Regex() { pcre2_code_free(static_cast<pcre2_code*>(m_code)); }

bool Regex::search(std::string_view text) const {
    auto* code = static_cast<pcre2_code*>(m_code);
    pcre2_match_data* md = pcre2_match_data_create_from_pattern(code, nullptr);
    if (md == nullptr) return false;
    // PCRE2_MATCH_INVALID_UTF (compile time) makes bodies that are not valid UTF-8 safe to search.
    int rc = pcre2_match(code, reinterpret_cast<PCRE2_SPTR>(text.data()), text.size(), 0, 0, md, nullptr);
    pcre2_match_data_free(md);
    return rc >= 0;
}

} // namespace compuerta::smoke::checks
