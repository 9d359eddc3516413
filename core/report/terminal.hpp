#pragma once
// Human lines: one per check (status, plan item, name, time, message), then
// a summary. Colour only when asked (a TTY without NO_COLOR / --no-color).
#include "core/report/suite.hpp"

#include <ostream>

namespace compuerta::core::report {

struct TerminalStyle {
    bool color = false;
    int verbosity = 0; // -1 quiet (failures only), 0 normal, 1 verbose (evidence)
};

void print_result(std::ostream& out, const CheckResult& r, const TerminalStyle& style);
void print_summary(std::ostream& out, const Suite& s, int exit_code, const TerminalStyle& style);

} // namespace compuerta::core::report
