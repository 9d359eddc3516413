#pragma once
// The backup manifest `db backup` writes (docs/journal-events.md), as far as
// rollback needs it: checked *before* any change, so a missing or corrupt
// backup stops the rollback with exit 3 and nothing touched. The checksums
// themselves are verified by `db restore` (it refuses before touching
// anything); rollback checks presence, sizes and the verified flag, which
// costs nothing on a 1 GiB backup.
#include "core/result.hpp"

#include <filesystem>
#include <string>

namespace compuerta::plugin::deploy {

struct ManifestInfo {
    std::filesystem::path path;
    std::string database;
    std::string tag;
    std::string previous_tag;
    long long bytes = 0;
};

// Error says what is wrong and what to do.
core::Result<ManifestInfo> check_manifest(const std::filesystem::path& path);

} // namespace compuerta::plugin::deploy
