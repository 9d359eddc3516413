#pragma once
// A reader of the project's own .po files (po/<lang>/*.po), for the catalog
// tests: entries with their id, plural id, translations and where they are.
#include <filesystem>
#include <string>
#include <vector>

namespace compuerta::test {

struct PoEntry {
    std::string file;
    int line = 0;
    std::string id;
    std::string plural_id;          // "" for a singular message
    std::vector<std::string> forms; // msgstr, or msgstr[0], msgstr[1]...
    bool fuzzy = false;
};

// Every entry of `file` but the header; throws std::runtime_error naming file
// and line on a line it does not understand.
std::vector<PoEntry> read_po(const std::filesystem::path& file);
// Every entry of po/<lang>/*.po in the source tree.
std::vector<PoEntry> read_catalog(const std::string& lang);

} // namespace compuerta::test
