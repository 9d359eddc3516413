#include "plugin/db/backup.hpp"
#include "plugin/db/manifest.hpp"
#include "plugin/db/path_guard.hpp"
#include "core/util/text.hpp"

#include <algorithm>

namespace compuerta::plugin::db {

namespace fs = std::filesystem;

std::string file_stamp(const std::string& rfc3339) {
    std::string s;
    for (char c : rfc3339)
        if (c != '-' && c != ':') s += c;
    return s;
}

std::string database_stamp(const std::string& rfc3339) {
    std::string s = core::util::lower(file_stamp(rfc3339));
    s.erase(std::remove(s.begin(), s.end(), '.'), s.end());
    return s;
}

std::vector<fs::path> prune_backups(const fs::path& dir, const std::string& database, int keep) {
    std::vector<std::pair<std::string, fs::path>> found; // finished, directory
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
        if (!e.is_directory() || e.path().filename().string().rfind(dir_component(database) + "-", 0) != 0)
            continue;
        fs::path mf = e.path() / "manifest.json";
        if (!fs::exists(mf)) continue;
        try {
            Manifest m = read_manifest(mf);
            if (m.database == database) found.emplace_back(m.finished, e.path());
        } catch (const std::exception&) {
            // Not ours to judge: leave it alone.
        }
    }
    std::sort(found.begin(), found.end());
    std::vector<fs::path> removed;
    for (std::size_t i = 0; keep >= 0 && i + static_cast<std::size_t>(keep) < found.size(); ++i) {
        fs::remove_all(found[i].second, ec);
        if (!ec) removed.push_back(found[i].second);
    }
    return removed;
}

} // namespace compuerta::plugin::db
