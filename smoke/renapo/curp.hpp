#pragma once
// CURP (Clave Única de Registro de Población) validation: the 18-character
// format, the birth date (century from character 17), RENAPO's inconvenient
// words and the check digit, so a typo in a test CURP is a configuration
// error and not a RENAPO outage.
#include <optional>
#include <string>
#include <string_view>

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

// Empty when `curp` (UTF-8) is a well-formed CURP with a correct check digit,
// as of `today`; otherwise one sentence saying what is wrong ("character 11
// must be H, M or X (sex)", "check digit is 3, expected 7").
std::string curp_problem(std::string_view curp, const CivilDate& today);
inline std::string curp_problem(std::string_view curp) { return curp_problem(curp, today_utc()); }

inline bool curp_valid(std::string_view curp) { return curp_problem(curp).empty(); }

} // namespace compuerta::smoke::renapo
