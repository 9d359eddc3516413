// libFuzzer target: any bytes as manifest.json give a Manifest whose paths
// stay inside the backup directory, or CannotEvaluate; nothing else.
#include "core/errors.hpp"
#include "plugin/db/manifest.hpp"

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace {
bool inside(const std::string& p) {
    return !p.empty() && !std::filesystem::path(p).is_absolute() &&
           p.find("..") == std::string::npos;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const std::filesystem::path file =
        std::filesystem::temp_directory_path() /
        ("compuerta-fuzz-manifest-" + std::to_string(getpid()) + ".json");
    {
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    try {
        auto m = compuerta::plugin::db::read_manifest(file);
        if (!inside(m.dump))
            __builtin_trap();
        for (const auto& f : m.files)
            if (!inside(f.path))
                __builtin_trap();
        // What we write we read back the same.
        std::ofstream(file, std::ios::trunc) << compuerta::plugin::db::to_json(m);
        auto again = compuerta::plugin::db::read_manifest(file);
        if (again.dump != m.dump || again.files.size() != m.files.size() ||
            again.wal_lsn != m.wal_lsn)
            __builtin_trap();
    } catch (const compuerta::core::CannotEvaluate&) {
    }
    return 0;
}
