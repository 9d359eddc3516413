#include "plugin/deploy/manifest.hpp"

#include "core/messages/catalog.hpp"

#include <fmt/format.h>
#include <fstream>
#include <nlohmann/json.hpp>

namespace compuerta::plugin::deploy {

namespace fs = std::filesystem;
namespace msg = core::msg;

core::Result<ManifestInfo> check_manifest(const fs::path& path) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
        return core::Error{msg::tr("rollback.manifest.missing", {{"manifest", path.string()}})};
    std::ifstream in(path);
    auto j = nlohmann::json::parse(in, nullptr, false);
    if (j.is_discarded() || !j.is_object())
        return core::Error{msg::tr("rollback.manifest.invalid", {{"manifest", path.string()}})};
    ManifestInfo m;
    m.path = path;
    m.database = j.value("database", "");
    m.tag = j.value("tag", "");
    m.previous_tag = j.value("previous_tag", "");
    if (!j.value("verified", false))
        return core::Error{msg::tr("rollback.manifest.unverified", {{"manifest", path.string()}})};
    if (!j.contains("files") || !j["files"].is_array() || j["files"].empty())
        return core::Error{msg::tr("rollback.manifest.no_files", {{"manifest", path.string()}})};
    for (const auto& f : j["files"]) {
        if (!f.is_object() || !f.contains("path") || !f["path"].is_string())
            return core::Error{msg::tr("rollback.manifest.no_path", {{"manifest", path.string()}})};
        fs::path p = path.parent_path() / f["path"].get<std::string>();
        if (!fs::is_regular_file(p, ec))
            return core::Error{msg::tr("rollback.manifest.file_missing",
                                       {{"file", p.string()}, {"manifest", path.string()}})};
        auto size = static_cast<long long>(fs::file_size(p, ec));
        long long want = f.value("bytes", -1LL);
        if (want >= 0 && size != want)
            return core::Error{msg::trn("rollback.manifest.size", size,
                                        {{"file", p.string()}, {"expected", want}})};
        m.bytes += size;
    }
    return m;
}

} // namespace compuerta::plugin::deploy
