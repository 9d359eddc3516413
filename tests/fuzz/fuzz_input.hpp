#pragma once
// Helpers shared by the libFuzzer targets: split one input into fields.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace compuerta::fuzz {

// The input as text, cut at each '\n' into at most `n` fields (the last
// field keeps the rest, newlines included).
inline std::vector<std::string> fields(const std::uint8_t* data, std::size_t size, std::size_t n) {
    std::string_view all(reinterpret_cast<const char*>(data), size);
    std::vector<std::string> out;
    while (out.size() + 1 < n) {
        auto nl = all.find('\n');
        if (nl == std::string_view::npos)
            break;
        out.emplace_back(all.substr(0, nl));
        all.remove_prefix(nl + 1);
    }
    out.emplace_back(all);
    while (out.size() < n)
        out.emplace_back();
    return out;
}

} // namespace compuerta::fuzz
