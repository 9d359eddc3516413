#include "smoke/renapo/curp.hpp"

#include <array>
#include <fmt/format.h>

namespace compuerta::smoke::renapo {

namespace {

// RENAPO's alphabet for the check digit; Ñ (value 24) is written '&' in
// CURPs handled as ASCII, and never appears in a valid one's first four letters.
constexpr std::string_view k_alphabet = "0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ";

constexpr std::array<std::string_view, 33> k_states = {
    "AS", "BC", "BS", "CC", "CL", "CM", "CS", "CH", "DF", "DG", "GT", "GR", "HG", "JC", "MC", "MN", "MS",
    "NT", "NL", "OC", "PL", "QT", "QR", "SP", "SL", "SR", "TC", "TS", "TL", "VZ", "YN", "ZS", "NE"};

bool upper(char c) { return c >= 'A' && c <= 'Z'; }
bool digit(char c) { return c >= '0' && c <= '9'; }
bool vowel_or_x(char c) { return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U' || c == 'X'; }
bool consonant(char c) { return upper(c) && c != 'A' && c != 'E' && c != 'I' && c != 'O' && c != 'U'; }

int two(std::string_view s, std::size_t at) { return (s[at] - '0') * 10 + (s[at + 1] - '0'); }

bool real_date(int yy, int mm, int dd) {
    if (mm < 1 || mm > 12 || dd < 1) return false;
    static constexpr int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (dd > days[mm - 1]) return false;
    // 29 February: a leap year in either century the CURP can mean.
    if (mm == 2 && dd == 29) return yy % 4 == 0;
    return true;
}

} // namespace

std::optional<int> curp_check_digit(std::string_view first17) {
    if (first17.size() < 17) return std::nullopt;
    int sum = 0;
    for (std::size_t i = 0; i < 17; ++i) {
        auto v = k_alphabet.find(first17[i]);
        if (v == std::string_view::npos) return std::nullopt;
        sum += static_cast<int>(v) * static_cast<int>(18 - i);
    }
    return (10 - sum % 10) % 10;
}

std::string curp_problem(std::string_view c) {
    if (c.size() != 18) return fmt::format("a CURP has 18 characters, this one has {}", c.size());
    auto bad = [](std::size_t i, const char* what) { return fmt::format("character {} must be {}", i + 1, what); };
    if (!upper(c[0])) return bad(0, "an upper-case letter (first surname)");
    if (!vowel_or_x(c[1])) return bad(1, "a vowel or X (first surname's first inner vowel)");
    if (!upper(c[2])) return bad(2, "an upper-case letter (second surname)");
    if (!upper(c[3])) return bad(3, "an upper-case letter (given name)");
    for (std::size_t i = 4; i < 10; ++i)
        if (!digit(c[i])) return bad(i, "a digit (birth date YYMMDD)");
    if (!real_date(two(c, 4), two(c, 6), two(c, 8)))
        return fmt::format("characters 5-10 \"{}\" are not a real birth date (YYMMDD)", c.substr(4, 6));
    if (c[10] != 'H' && c[10] != 'M' && c[10] != 'X') return bad(10, "H, M or X (sex)");
    std::string_view state = c.substr(11, 2);
    bool known = false;
    for (auto s : k_states) known = known || s == state;
    if (!known) return fmt::format("characters 12-13 \"{}\" are not a state code (AS, BC, ..., NE)", state);
    for (std::size_t i = 13; i < 16; ++i)
        if (!consonant(c[i])) return bad(i, "an upper-case consonant");
    if (!upper(c[16]) && !digit(c[16])) return bad(16, "a letter or digit (homoclave)");
    if (!digit(c[17])) return bad(17, "a digit (check digit)");
    auto expected = curp_check_digit(c.substr(0, 17));
    if (!expected) return "the CURP contains a character outside A-Z, 0-9";
    if (*expected != c[17] - '0')
        return fmt::format("check digit is {}, expected {} (a typo in the CURP?)", c[17], *expected);
    return {};
}

} // namespace compuerta::smoke::renapo
