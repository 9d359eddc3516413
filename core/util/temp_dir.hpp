#pragma once
// A private temporary directory (mode 0700, under TMPDIR or /tmp), removed
// with everything in it when the object goes away.
#include "core/result.hpp"

#include <filesystem>
#include <string>

namespace compuerta::core::util {

class TempDir {
  public:
    // `prefix`: the directory name's start ("compuerta-step").
    static Result<TempDir> make(const std::string& prefix);
    TempDir(TempDir&& other) noexcept;
    TempDir& operator=(TempDir&&) = delete;
    TempDir(const TempDir&) = delete;
    ~TempDir();
    const std::filesystem::path& path() const { return m_path; }

  private:
    explicit TempDir(std::filesystem::path p) : m_path(std::move(p)) {}
    std::filesystem::path m_path;
};

} // namespace compuerta::core::util
