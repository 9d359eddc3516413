#pragma once
// A C stdio file that closes itself (for libraries that read from a FILE*:
// expat, OpenSSL's PEM readers).
#include <cstdio>
#include <memory>
#include <string>

namespace compuerta::core::util {

struct FileCloser {
    void operator()(std::FILE* f) const noexcept { std::fclose(f); }
};
using UniqueFile = std::unique_ptr<std::FILE, FileCloser>;

// fopen(path, mode); empty with errno set when it fails.
inline UniqueFile open_file(const std::string& path, const char* mode) {
    return UniqueFile(std::fopen(path.c_str(), mode));
}

} // namespace compuerta::core::util
