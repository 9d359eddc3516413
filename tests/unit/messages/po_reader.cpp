#include "tests/unit/messages/po_reader.hpp"

#include <algorithm>
#include <fstream>
#include <stdexcept>

namespace compuerta::test {

namespace {

// The text of a "..." literal with C escapes.
std::string unquote(const std::string& s, const std::string& where) {
    auto a = s.find('"');
    auto b = s.rfind('"');
    if (a == std::string::npos || b == a)
        throw std::runtime_error(where + ": expected a quoted string");
    std::string out;
    for (std::size_t i = a + 1; i < b; ++i) {
        if (s[i] != '\\' || i + 1 >= b) {
            out += s[i];
            continue;
        }
        char c = s[++i];
        out += c == 'n' ? '\n' : c == 't' ? '\t' : c;
    }
    return out;
}

} // namespace

std::vector<PoEntry> read_po(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in)
        throw std::runtime_error(file.string() + ": cannot read");
    std::vector<PoEntry> out;
    PoEntry cur;
    std::string* target = nullptr;
    bool fuzzy = false;
    auto flush = [&] {
        if (target != nullptr && !cur.id.empty())
            out.push_back(cur);
        cur = PoEntry{};
        target = nullptr;
    };
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
        ++n;
        std::string where = file.filename().string() + ":" + std::to_string(n);
        if (line.empty())
            continue;
        if (line.rfind("#,", 0) == 0) {
            fuzzy = line.find("fuzzy") != std::string::npos;
            continue;
        }
        if (line[0] == '#')
            continue;
        if (line.rfind("msgid_plural ", 0) == 0) {
            cur.plural_id = unquote(line, where);
            target = &cur.plural_id;
        } else if (line.rfind("msgid ", 0) == 0) {
            flush();
            cur.file = file.string();
            cur.line = n;
            cur.fuzzy = fuzzy;
            fuzzy = false;
            cur.id = unquote(line, where);
            target = &cur.id;
        } else if (line.rfind("msgstr", 0) == 0) {
            cur.forms.push_back(unquote(line, where));
            target = &cur.forms.back();
        } else if (line[0] == '"') {
            if (target == nullptr)
                throw std::runtime_error(where + ": a continuation line outside an entry");
            *target += unquote(line, where);
        } else {
            throw std::runtime_error(where +
                                     ": expected msgid, msgid_plural, msgstr or a quoted line");
        }
    }
    flush();
    return out;
}

std::vector<PoEntry> read_catalog(const std::string& lang) {
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(
             std::filesystem::path(COMPUERTA_SOURCE_DIR) / "po" / lang))
        if (e.path().extension() == ".po")
            files.push_back(e.path());
    std::sort(files.begin(), files.end());
    std::vector<PoEntry> all;
    for (const auto& f : files) {
        auto entries = read_po(f);
        all.insert(all.end(), entries.begin(), entries.end());
    }
    return all;
}

} // namespace compuerta::test
