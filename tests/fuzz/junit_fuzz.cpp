// libFuzzer target: any bytes as a JUnit report give a scan or a `problem`,
// never a crash or an exception (gate qa reads reports other jobs wrote).
#include "plugin/gates/qa/junit_scan.hpp"

#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto scan = compuerta::plugin::gates::scan_junit_text(text, "fuzz.xml", 5);
    if (scan.failed.size() > 5 || scan.flaky.size() > 5)
        __builtin_trap(); // bounded as documented
    return 0;
}
