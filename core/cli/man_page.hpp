#pragma once
// Man pages in roff (man(7) macros) from the command registry: compuerta(1)
// and one page per command (compuerta-db-backup(1), ...), so help and man
// pages come from the same declarations. `compuerta help --man DIR` writes
// them; the build runs that and installs the pages (cmake/man_pages.cmake).
#include "core/cli/registry.hpp"

#include <filesystem>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace compuerta::core::cli {

struct ManInfo {
    std::string version; // "0.1.0", in the footer
    std::string date;    // "2026-11-29", or empty (reproducible builds pass SOURCE_DATE_EPOCH)
};

// Text as roff input: backslashes, hyphens, quotes and non-ASCII as escapes,
// a leading '.' or '\'' neutralised. `text` is one line.
std::string roff_escape(std::string_view text);

// The page of one command.
void write_command_page(const Registry& registry, const Command& cmd, const ManInfo& info,
                        std::ostream& out);
// The page of a program the registry runs (compuerta renapo-sim).
void write_external_page(const Registry::External& e, const ManInfo& info, std::ostream& out);
// compuerta(1): every command, the built-ins, the common flags, the environment.
void write_main_page(const Registry& registry, const ManInfo& info, std::ostream& out);
// Writes compuerta.1 and PROGRAM.1 for every command and external into
// `dir` (created); returns the files written. Throws UsageError when `dir`
// cannot be written.
std::vector<std::filesystem::path>
write_man_pages(const Registry& registry, const std::filesystem::path& dir, const ManInfo& info);

} // namespace compuerta::core::cli
