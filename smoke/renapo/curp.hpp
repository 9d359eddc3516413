#pragma once
// CURP (Clave Única de Registro de Población) validation: the 18-character
// format, the birth date (century from character 17), RENAPO's inconvenient
// words and the check digit, so a typo in a test CURP is a configuration
// error and not a RENAPO outage.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace compuerta::smoke::renapo {

struct CivilDate {
    int year = 0;
    int month = 0;
    int day = 0;
};

// Today's date (UTC), for the check that a birth date is not in the future.
CivilDate today_utc();

// The check digit (0-9) of the first 17 characters of a CURP, or nullopt
// when one of them is outside the CURP alphabet.
std::optional<int> curp_check_digit(std::string_view first17);

// What is wrong with a CURP: a message id of po/<lang>/smoke.po
// ("smoke.curp.char.sex") and its parameters.
struct CurpIssue {
    std::string id;
    std::vector<std::pair<std::string, std::string>> params;
};

// Nothing when `curp` (UTF-8) is a well-formed CURP with a correct check
// digit, as of `today`; otherwise the first thing wrong with it.
std::optional<CurpIssue> curp_issue(std::string_view curp, const CivilDate& today);

// The issue as one English sentence, without the message catalog (the
// SEP-MUSES example application links only this file): empty when valid,
// else e.g. "character 11 must be H, M or X (sex)", "check digit is 3,
// expected 7".
std::string curp_problem(std::string_view curp, const CivilDate& today);
inline std::string curp_problem(std::string_view curp) { return curp_problem(curp, today_utc()); }
std::string english(const CurpIssue& issue);

// The same sentence in the run's language, from the catalog
// (smoke/renapo/curp_text.cpp; what compuerta's checks and config rules show).
std::string curp_problem_text(std::string_view curp, const CivilDate& today);
inline std::string curp_problem_text(std::string_view curp) {
    return curp_problem_text(curp, today_utc());
}

inline bool curp_valid(std::string_view curp) { return curp_problem(curp).empty(); }

} // namespace compuerta::smoke::renapo
