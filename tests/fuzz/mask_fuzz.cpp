// libFuzzer target: the output masks (secret query parameters, CURPs, RFCs,
// e-mail addresses), Retry-After and durations over any bytes. A masked
// text never still carries a registered secret.
#include "core/config/config.hpp"
#include "core/secrets.hpp"
#include "smoke/checks/retry_after.hpp"

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace compuerta::core;
    static bool once = [] {
        SecretRegistry::global().add("Seeded-Secret-1234", "fuzz");
        return true;
    }();
    (void)once;
    std::string text(reinterpret_cast<const char*>(data), size);
    std::string masked = mask(text);
    if (masked.find("Seeded-Secret-1234") != std::string::npos)
        __builtin_trap();
    std::string q = mask_query_secrets(text);
    if (q.size() > text.size() + 3 * (text.size() / 2 + 1))
        __builtin_trap(); // "***" per parameter at most
    (void)mask_personal_data(text);
    (void)compuerta::smoke::checks::parse_retry_after(
        text, std::chrono::system_clock::from_time_t(1'795'330'800));
    if (auto d = config::parse_duration(text); d && d->count() <= 0)
        __builtin_trap();
    return 0;
}
