// libFuzzer target: RENAPO's JSON and SOAP answers as the renapo check
// parses them; any bytes give an Answer or an Error, never a crash.
#include "smoke/renapo/shapes.hpp"

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace compuerta::smoke::renapo;
    std::string body(reinterpret_cast<const char*>(data), size);
    for (Shape shape : {Shape::json, Shape::soap}) {
        auto a = parse_answer(shape, body);
        if (a.ok() && a.value().success && a.value().person && a.value().person->curp.empty() &&
            shape == Shape::soap)
            __builtin_trap(); // SOAP success needs a CURP element
    }
    return 0;
}
