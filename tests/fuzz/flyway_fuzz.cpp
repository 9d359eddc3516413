// libFuzzer target: Flyway file names, checksums and the no-transaction
// marker over any bytes: values or nullopt, never a crash.
#include "plugin/db/flyway.hpp"
#include "tests/fuzz/fuzz_input.hpp"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace compuerta::plugin::db;
    auto f = compuerta::fuzz::fields(data, size, 3);
    if (auto parsed = parse_migration_name(f[0])) {
        if (parsed->version && parsed->version->text().empty())
            __builtin_trap();
    }
    auto a = Version::parse(f[0]), b = Version::parse(f[1]);
    if (a && a->compare(*a) != 0)
        __builtin_trap();
    auto sign = [](int x) { return (x > 0) - (x < 0); };
    if (a && b && sign(a->compare(*b)) != -sign(b->compare(*a)))
        __builtin_trap(); // antisymmetric
    (void)flyway_checksum(f[2]);
    (void)opts_out_of_transaction(f[2], f[1]);
    return 0;
}
