// libFuzzer target: any bytes as a journal file are read line by line;
// corrupt lines become problems, never crashes.
#include "core/journal.hpp"

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                             ("compuerta-fuzz-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    {
        std::ofstream out(dir / "x.jsonl", std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    auto r = compuerta::core::read_journal(dir);
    (void)r;
    return 0;
}
