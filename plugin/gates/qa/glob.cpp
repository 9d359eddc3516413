#include "plugin/gates/qa/glob.hpp"
#include "core/util/text.hpp"

#include <algorithm>
#include <filesystem>
#include <fnmatch.h>
#include <system_error>

namespace compuerta::plugin::gates {

namespace fs = std::filesystem;

namespace {

bool has_wildcard(const std::string& s) { return s.find_first_of("*?[") != std::string::npos; }

bool is_dir(const fs::path& p) {
    std::error_code ec;
    return fs::is_directory(p, ec);
}

bool is_file(const fs::path& p) {
    std::error_code ec;
    return fs::is_regular_file(p, ec);
}

void walk(const fs::path& base, const std::vector<std::string>& segs, std::size_t i, std::vector<std::string>& out) {
    if (i == segs.size()) {
        if (is_file(base)) out.push_back(base.string());
        return;
    }
    const std::string& seg = segs[i];
    if (seg == "**") {
        walk(base, segs, i + 1, out); // zero directories
        std::error_code ec;
        for (fs::directory_iterator it(base.empty() ? fs::path(".") : base, ec), end; !ec && it != end;
             it.increment(ec)) {
            if (it->is_directory(ec) && !it->is_symlink(ec)) walk(base / it->path().filename(), segs, i, out);
        }
        return;
    }
    if (!has_wildcard(seg)) {
        fs::path next = base / seg;
        if (i + 1 == segs.size() ? is_file(next) : is_dir(next)) walk(next, segs, i + 1, out);
        return;
    }
    std::error_code ec;
    for (fs::directory_iterator it(base.empty() ? fs::path(".") : base, ec), end; !ec && it != end;
         it.increment(ec)) {
        std::string name = it->path().filename().string();
        if (fnmatch(seg.c_str(), name.c_str(), FNM_PERIOD) == 0) walk(base / name, segs, i + 1, out);
    }
}

} // namespace

std::vector<std::string> expand_glob(const std::string& pattern) {
    std::vector<std::string> out;
    if (pattern.empty()) return out;
    fs::path base = pattern.front() == '/' ? fs::path("/") : fs::path();
    auto parts = core::util::split(pattern, '/');
    parts.erase(std::remove(parts.begin(), parts.end(), std::string()), parts.end());
    walk(base, parts, 0, out);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

} // namespace compuerta::plugin::gates
