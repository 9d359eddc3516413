#pragma once
// Sequential byte sources for log files: plain files (read(2)) and gzip
// files (zlib), detected by their magic bytes, never by name. Neither loads
// nor maps the whole file.
#include <cstddef>
#include <memory>
#include <string>
#include <sys/types.h>

namespace compuerta::smoke::logs {

class Reader {
  public:
    virtual ~Reader() = default;
    // Fills up to `n` bytes; returns the count (0 at end), or -1 with
    // error() set.
    virtual ssize_t read(char* buf, std::size_t n) = 0;
    virtual const std::string& error() const = 0;
    virtual bool compressed() const = 0;
};

// Opens `path`; nullptr with `error` set ("cannot open ...: Permission denied").
std::unique_ptr<Reader> open_reader(const std::string& path, std::string& error);

} // namespace compuerta::smoke::logs
