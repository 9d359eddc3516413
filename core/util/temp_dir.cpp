#include "core/messages/catalog.hpp"
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
        return Error{msg::tr("util.temp_dir", {{"dir", base.string()}, {"error", std::strerror(errno)}})};
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
