#include "plugin/db/path_guard.hpp"

namespace compuerta::plugin::db {

std::string dir_component(const std::string& name) {
    std::string out;
    for (char c : name) {
        auto u = static_cast<unsigned char>(c);
        out += c == '/' || c == '\\' || u < 0x20 || u == 0x7f ? '_' : c;
    }
    if (out.empty() || out.front() == '.')
        out.insert(out.begin(), '_');
    return out;
}

} // namespace compuerta::plugin::db
