// libFuzzer target: any bytes as a journal file are read line by line;
// corrupt lines become problems, never crashes; every line read is also
// read through each typed event kind (core/events.hpp).
#include "core/events.hpp"
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
    namespace ev = compuerta::core::events;
    for (const auto& line : r.events) {
        (void)ev::envelope(line);
        (void)ev::as<ev::Check>(line);
        (void)ev::as<ev::WindowOpen>(line);
        (void)ev::as<ev::WindowClose>(line);
        (void)ev::as<ev::BackupDone>(line);
        (void)ev::as<ev::BackupSnapshot>(line);
        (void)ev::as<ev::MigrateDone>(line);
        (void)ev::as<ev::DeployStart>(line);
        (void)ev::as<ev::DeployDone>(line);
        (void)ev::as<ev::Signoff>(line);
        (void)ev::as<ev::Notify>(line);
        (void)ev::as<ev::RollbackDecision>(line);
        (void)ev::as<ev::RollbackDone>(line);
        (void)ev::as_step(line, ev::k_rollback_redeploy);
    }
    return 0;
}
