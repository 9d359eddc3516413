// Personal data in outputs (issue 15 item 3): CURPs, RFCs and e-mail
// addresses that reach a report from a log line, an answer body or a
// message are masked, by a linear scan (no regex: every output line passes
// through here).
#include "core/secrets.hpp"

#include <cctype>

namespace compuerta::core {

namespace {

bool alpha(char c) {
    return std::isalpha(static_cast<unsigned char>(c)) != 0;
}
bool digit(char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
}
bool alnum(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

int two(std::string_view s, std::size_t at) {
    return (s[at] - '0') * 10 + (s[at + 1] - '0');
}

// YYMMDD with a plausible month and day: keeps hashes and ids out.
bool date_at(std::string_view s, std::size_t at) {
    for (std::size_t i = 0; i < 6; ++i)
        if (!digit(s[at + i]))
            return false;
    int month = two(s, at + 2), day = two(s, at + 4);
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

bool boundary_after(std::string_view s, std::size_t end) {
    return end >= s.size() || !alnum(s[end]);
}

// CURP: 4 letters, YYMMDD, sex (H, M or X), 5 letters (state and inner
// consonants), homoclave (letter or digit), check digit.
bool curp_at(std::string_view s, std::size_t i) {
    if (i + 18 > s.size())
        return false;
    for (std::size_t k = 0; k < 4; ++k)
        if (!alpha(s[i + k]))
            return false;
    if (!date_at(s, i + 4))
        return false;
    char sex = static_cast<char>(std::toupper(static_cast<unsigned char>(s[i + 10])));
    if (sex != 'H' && sex != 'M' && sex != 'X')
        return false;
    for (std::size_t k = 11; k < 16; ++k)
        if (!alpha(s[i + k]))
            return false;
    return alnum(s[i + 16]) && digit(s[i + 17]) && boundary_after(s, i + 18);
}

// RFC: 3 (company) or 4 (person) letters or '&', YYMMDD, 3-character homoclave.
std::size_t rfc_at(std::string_view s, std::size_t i) {
    for (std::size_t letters : {4u, 3u}) {
        std::size_t len = letters + 9;
        if (i + len > s.size())
            continue;
        bool ok = true;
        for (std::size_t k = 0; k < letters && ok; ++k)
            ok = alpha(s[i + k]) || s[i + k] == '&';
        if (!ok || !date_at(s, i + letters))
            continue;
        for (std::size_t k = letters + 6; k < len && ok; ++k)
            ok = alnum(s[i + k]);
        // The homoclave is uppercase in every RFC; lowercase words are not one.
        for (std::size_t k = 0; k < len && ok; ++k)
            ok = !std::islower(static_cast<unsigned char>(s[i + k]));
        if (ok && boundary_after(s, i + len))
            return len;
    }
    return 0;
}

bool local_char(char c) {
    return alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}
bool domain_char(char c) {
    return alnum(c) || c == '.' || c == '-';
}

std::string mask_ids(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        bool start = i == 0 || !alnum(text[i - 1]);
        if (start && curp_at(text, i)) {
            out += "[CURP]";
            i += 18;
            continue;
        }
        if (start) {
            if (std::size_t len = rfc_at(text, i)) {
                out += "[RFC]";
                i += len;
                continue;
            }
        }
        out += text[i++];
    }
    return out;
}

// local@domain.tld -> ***@domain.tld. The local part of a URL's user-info
// (after ':' or '/') is left to the secret masking.
std::string mask_emails(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t copied = 0;
    for (std::size_t at = text.find('@'); at != std::string_view::npos;
         at = text.find('@', at + 1)) {
        std::size_t l = at;
        while (l > copied && local_char(text[l - 1]))
            --l;
        if (l == at || text[l] == '.')
            continue;
        if (l > 0 && (text[l - 1] == ':' || text[l - 1] == '/' || text[l - 1] == '@'))
            continue;
        std::size_t r = at + 1;
        while (r < text.size() && domain_char(text[r]))
            ++r;
        while (r > at + 1 && (text[r - 1] == '.' || text[r - 1] == '-'))
            --r;
        std::string_view domain = text.substr(at + 1, r - at - 1);
        auto dot = domain.rfind('.');
        if (dot == std::string_view::npos || dot == 0 || domain.size() - dot - 1 < 2)
            continue;
        bool tld = true;
        for (char c : domain.substr(dot + 1))
            tld = tld && alpha(c);
        if (!tld)
            continue;
        out.append(text.substr(copied, l - copied));
        out += "***";
        copied = at;
    }
    out.append(text.substr(copied));
    return out;
}

} // namespace

std::string mask_personal_data(std::string_view text) {
    bool maybe = false;
    for (char c : text)
        if (digit(c) || c == '@') {
            maybe = true;
            break;
        }
    if (!maybe)
        return std::string(text);
    return mask_emails(mask_ids(text));
}

} // namespace compuerta::core
