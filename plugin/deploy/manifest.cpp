#include "plugin/deploy/manifest.hpp"

#include <fmt/format.h>
#include <fstream>
#include <nlohmann/json.hpp>

namespace compuerta::plugin::deploy {

namespace fs = std::filesystem;

core::Result<ManifestInfo> check_manifest(const fs::path& path) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
        return core::Error{fmt::format("backup manifest {} does not exist; without this window's backup the database "
                                       "cannot be restored (restore by hand, then redeploy)",
                                       path.string())};
    std::ifstream in(path);
    auto j = nlohmann::json::parse(in, nullptr, false);
    if (j.is_discarded() || !j.is_object())
        return core::Error{fmt::format("backup manifest {} is not valid JSON: the backup is corrupt", path.string())};
    ManifestInfo m;
    m.path = path;
    m.database = j.value("database", "");
    m.tag = j.value("tag", "");
    m.previous_tag = j.value("previous_tag", "");
    if (!j.value("verified", false))
        return core::Error{fmt::format("backup manifest {} says the backup was not verified; refusing to restore it",
                                       path.string())};
    if (!j.contains("files") || !j["files"].is_array() || j["files"].empty())
        return core::Error{fmt::format("backup manifest {} lists no files: the backup is corrupt", path.string())};
    for (const auto& f : j["files"]) {
        if (!f.is_object() || !f.contains("path") || !f["path"].is_string())
            return core::Error{fmt::format("backup manifest {}: a file entry has no path: corrupt", path.string())};
        fs::path p = path.parent_path() / f["path"].get<std::string>();
        if (!fs::is_regular_file(p, ec))
            return core::Error{fmt::format("backup file {} (listed in {}) is missing: the backup is corrupt",
                                           p.string(), path.string())};
        auto size = static_cast<long long>(fs::file_size(p, ec));
        long long want = f.value("bytes", -1LL);
        if (want >= 0 && size != want)
            return core::Error{fmt::format("backup file {} has {} bytes, the manifest says {}: the backup is corrupt",
                                           p.string(), size, want)};
        m.bytes += size;
    }
    return m;
}

} // namespace compuerta::plugin::deploy
