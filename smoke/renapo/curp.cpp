#include "smoke/renapo/curp.hpp"

#include "smoke/renapo/curp_words.hpp"

#include <array>
#include <chrono>
#include <fmt/args.h>
#include <fmt/format.h>
#include <tuple>

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

bool leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

bool real_date(int year, int mm, int dd) {
    if (mm < 1 || mm > 12 || dd < 1) return false;
    static constexpr int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (dd > days[mm - 1]) return false;
    return mm != 2 || dd != 29 || leap(year);
}

// Characters, not bytes, of UTF-8 text.
std::size_t characters(std::string_view s) {
    std::size_t n = 0;
    for (char ch : s) n += (static_cast<unsigned char>(ch) & 0xC0) != 0x80 ? 1 : 0;
    return n;
}

// "character 3 is Ñ ..." when the text holds Ñ or ñ.
std::optional<CurpIssue> enye_problem(std::string_view s) {
    for (std::size_t i = 0, chars = 0; i < s.size(); ++i) {
        auto b = static_cast<unsigned char>(s[i]);
        if ((b & 0xC0) == 0x80) continue;
        ++chars;
        if (b == 0xC3 && i + 1 < s.size() && (s[i + 1] == '\x91' || s[i + 1] == '\xB1')) {
            std::string fixed(s.substr(0, i));
            fixed += 'X';
            fixed += s.substr(i + 2);
            return CurpIssue{"smoke.curp.enye",
                             {{"number", std::to_string(chars)}, {"fixed", fixed}}};
        }
    }
    return std::nullopt;
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

CivilDate today_utc() {
    auto days = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
    std::chrono::year_month_day ymd{days};
    return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
            static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

std::optional<CurpIssue> curp_issue(std::string_view c, const CivilDate& today) {
    if (auto enye = enye_problem(c))
        return enye;
    if (std::size_t n = characters(c); n != 18)
        return CurpIssue{"smoke.curp.length", {{"number", std::to_string(n)}}};
    if (c.size() != 18)
        return CurpIssue{"smoke.curp.non_ascii", {}};
    // One message per rule: "character N must be ..." reads whole in each language.
    auto bad = [](std::size_t i, const char* rule) {
        return CurpIssue{std::string("smoke.curp.char.") + rule,
                         {{"number", std::to_string(i + 1)}}};
    };
    if (!upper(c[0]))
        return bad(0, "surname1");
    if (!vowel_or_x(c[1]))
        return bad(1, "vowel");
    if (!upper(c[2]))
        return bad(2, "surname2");
    if (!upper(c[3]))
        return bad(3, "given_name");
    if (inconvenient_word(c.substr(0, 4)))
        return CurpIssue{"smoke.curp.inconvenient",
                         {{"word", std::string(c.substr(0, 4))},
                          {"fixed", fmt::format("{}X{}", c.substr(0, 1), c.substr(2, 2))}}};
    for (std::size_t i = 4; i < 10; ++i)
        if (!digit(c[i]))
            return bad(i, "birth_date");
    // Character 17 gives the century: a digit for 1900-1999, a letter for 2000 on.
    if (!upper(c[16]) && !digit(c[16]))
        return bad(16, "homoclave");
    int year = (digit(c[16]) ? 1900 : 2000) + two(c, 4);
    if (!real_date(year, two(c, 6), two(c, 8)))
        return CurpIssue{
            "smoke.curp.date_invalid",
            {{"digits", std::string(c.substr(4, 6))},
             {"date", fmt::format("{:04}-{}-{}", year, c.substr(6, 2), c.substr(8, 2))},
             {"century", std::string(1, c[16])}}};
    if (std::tuple(year, two(c, 6), two(c, 8)) > std::tuple(today.year, today.month, today.day))
        return CurpIssue{
            "smoke.curp.date_future",
            {{"digits", std::string(c.substr(4, 6))},
             {"date", fmt::format("{:04}-{}-{}", year, c.substr(6, 2), c.substr(8, 2))},
             {"century", std::string(1, c[16])}}};
    if (c[10] != 'H' && c[10] != 'M' && c[10] != 'X')
        return bad(10, "sex");
    std::string_view state = c.substr(11, 2);
    bool known = false;
    for (auto s : k_states) known = known || s == state;
    if (!known)
        return CurpIssue{"smoke.curp.state", {{"state", std::string(state)}}};
    for (std::size_t i = 13; i < 16; ++i)
        if (!consonant(c[i]))
            return bad(i, "consonant");
    if (!digit(c[17]))
        return bad(17, "check_digit");
    auto expected = curp_check_digit(c.substr(0, 17));
    if (!expected)
        return CurpIssue{"smoke.curp.alphabet", {}};
    if (*expected != c[17] - '0')
        return CurpIssue{"smoke.curp.check_digit",
                         {{"got", std::string(1, c[17])}, {"expected", std::to_string(*expected)}}};
    return std::nullopt;
}

namespace {

// English, as po/en/smoke.po says it: the SEP-MUSES example application
// builds this file alone, without compuerta's catalog
// (tests/unit/messages/smoke_messages_test.cpp keeps the two equal).
constexpr std::pair<std::string_view, std::string_view> k_english[] = {
    {"smoke.curp.enye", "character {number} is Ñ, which is never part of a CURP: RENAPO writes X "
                        "in its place (\"{fixed}\")"},
    {"smoke.curp.length", "a CURP has 18 characters, this one has {number}"},
    {"smoke.curp.non_ascii",
     "a CURP is written with A-Z and 0-9 only; this one has an accented or other non-ASCII letter"},
    {"smoke.curp.char.surname1", "character {number} must be an upper-case letter (first surname)"},
    {"smoke.curp.char.vowel",
     "character {number} must be a vowel or X (first surname's first inner vowel)"},
    {"smoke.curp.char.surname2",
     "character {number} must be an upper-case letter (second surname)"},
    {"smoke.curp.char.given_name", "character {number} must be an upper-case letter (given name)"},
    {"smoke.curp.char.birth_date", "character {number} must be a digit (birth date YYMMDD)"},
    {"smoke.curp.char.homoclave",
     "character {number} must be a letter or digit (homoclave; a digit means born in the "
     "1900s, a letter in 2000 or later)"},
    {"smoke.curp.char.sex", "character {number} must be H, M or X (sex)"},
    {"smoke.curp.char.consonant", "character {number} must be an upper-case consonant"},
    {"smoke.curp.char.check_digit", "character {number} must be a digit (check digit)"},
    {"smoke.curp.inconvenient",
     "the first four letters \"{word}\" are one of RENAPO's inconvenient words, which it "
     "never issues (it writes X as the second letter: \"{fixed}\"), so this CURP cannot "
     "exist"},
    {"smoke.curp.date_invalid",
     "characters 5-10 \"{digits}\" are not a real birth date: {date} does not exist (the "
     "year's century comes from character 17, \"{century}\": a digit for 19xx, a letter "
     "for 20xx)"},
    {"smoke.curp.date_future",
     "characters 5-10 \"{digits}\" are a birth date in the future, {date} (character 17, "
     "\"{century}\", a letter, means born in 2000 or later)"},
    {"smoke.curp.state", "characters 12-13 \"{state}\" are not a state code (AS, BC, ..., NE)"},
    {"smoke.curp.alphabet", "the CURP contains a character outside A-Z, 0-9"},
    {"smoke.curp.check_digit", "check digit is {got}, expected {expected} (a typo in the CURP?)"},
};

} // namespace

std::string english(const CurpIssue& issue) {
    for (const auto& [id, text] : k_english) {
        if (id != issue.id)
            continue;
        fmt::dynamic_format_arg_store<fmt::format_context> args;
        for (const auto& [name, value] : issue.params)
            args.push_back(fmt::arg(name.c_str(), value));
        return fmt::vformat(text, args);
    }
    return issue.id;
}

std::string curp_problem(std::string_view curp, const CivilDate& today) {
    auto issue = curp_issue(curp, today);
    return issue ? english(*issue) : std::string();
}

} // namespace compuerta::smoke::renapo
