#include "smoke/logs/reader.hpp"

#include "core/messages/catalog.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

namespace compuerta::smoke::logs {

namespace {

class FileReader final : public Reader {
  public:
    explicit FileReader(int fd) : m_fd(fd) { posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL); }
    ~FileReader() override { ::close(m_fd); }
    FileReader(const FileReader&) = delete;
    FileReader& operator=(const FileReader&) = delete;
    ssize_t read(char* buf, std::size_t n) override {
        for (;;) {
            ssize_t r = ::read(m_fd, buf, n);
            if (r >= 0) return r;
            if (errno == EINTR) continue;
            m_error = std::strerror(errno);
            return -1;
        }
    }
    const std::string& error() const override { return m_error; }
    bool compressed() const override { return false; }

  private:
    int m_fd;
    std::string m_error;
};

class GzReader final : public Reader {
  public:
    explicit GzReader(gzFile f) : m_f(f) { gzbuffer(m_f, 128 * 1024); }
    ~GzReader() override { gzclose(m_f); }
    GzReader(const GzReader&) = delete;
    GzReader& operator=(const GzReader&) = delete;
    ssize_t read(char* buf, std::size_t n) override {
        int r = gzread(m_f, buf, static_cast<unsigned>(std::min<std::size_t>(n, 1u << 30)));
        if (r >= 0) return r;
        int code = 0;
        const char* msg = gzerror(m_f, &code);
        m_error =
            core::msg::tr("smoke.logs.gzip_corrupt",
                          {{"reason", msg != nullptr ? std::string(msg)
                                                     : core::msg::tr("smoke.logs.unknown_error")}});
        return -1;
    }
    const std::string& error() const override { return m_error; }
    bool compressed() const override { return true; }

  private:
    gzFile m_f;
    std::string m_error;
};

} // namespace

std::unique_ptr<Reader> open_reader(const std::string& path, std::string& error) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        std::string why = std::strerror(errno);
        error = core::msg::tr("smoke.logs.cannot_open", {{"path", path}, {"reason", why}});
        return nullptr;
    }
    unsigned char magic[2] = {0, 0};
    ssize_t got = ::pread(fd, magic, 2, 0);
    if (got == 2 && magic[0] == 0x1f && magic[1] == 0x8b) {
        gzFile f = gzdopen(fd, "rb");
        if (f == nullptr) {
            ::close(fd);
            error = core::msg::tr("smoke.logs.cannot_open_gzip", {{"path", path}});
            return nullptr;
        }
        return std::make_unique<GzReader>(f);
    }
    return std::make_unique<FileReader>(fd);
}

} // namespace compuerta::smoke::logs
