#include "core/util/temp_dir.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fmt/format.h>
#include <vector>

namespace compuerta::core::util {

namespace fs = std::filesystem;

Result<TempDir> TempDir::make(const std::string& prefix) {
    std::error_code ec;
    fs::path base = fs::temp_directory_path(ec);
    if (ec)
        base = "/tmp";
    std::string tmpl = (base / (prefix + "-XXXXXX")).string();
    std::vector<char> buf(tmpl.begin(), tmpl.end());
    buf.push_back('\0');
    if (mkdtemp(buf.data()) == nullptr)
        return Error{fmt::format(
            "cannot create a temporary directory in {}: {}; check TMPDIR and free space",
            base.string(), std::strerror(errno))};
    return TempDir(fs::path(buf.data()));
}

TempDir::TempDir(TempDir&& other) noexcept : m_path(std::move(other.m_path)) {
    other.m_path.clear();
}

TempDir::~TempDir() {
    if (m_path.empty())
        return;
    std::error_code ec;
    fs::remove_all(m_path, ec);
}

} // namespace compuerta::core::util
