// libFuzzer target: the CURP validator over any bytes; a CURP it accepts is
// 18 characters whose check digit agrees.
#include "smoke/renapo/curp.hpp"

#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace compuerta::smoke::renapo;
    std::string_view s(reinterpret_cast<const char*>(data), size);
    if (curp_valid(s)) {
        if (s.size() != 18)
            __builtin_trap();
        auto digit = curp_check_digit(s.substr(0, 17));
        if (!digit || *digit != s[17] - '0')
            __builtin_trap();
    }
    (void)curp_check_digit(s.substr(0, 17));
    return 0;
}
