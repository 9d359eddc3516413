#include "plugin/db/encoding.hpp"

#include "core/errors.hpp"
#include "core/messages/catalog.hpp"

#include <cerrno>
#include <fmt/format.h>
#include <iconv.h>

namespace compuerta::plugin::db {

namespace {

// glibc's iconv: no locale needed, the conversion tables ship with libc.
class Converter {
  public:
    explicit Converter(const std::string& from) : m_cd(iconv_open("UTF-8", from.c_str())) {}
    ~Converter() {
        if (ok())
            iconv_close(m_cd);
    }
    Converter(const Converter&) = delete;
    Converter& operator=(const Converter&) = delete;
    bool ok() const { return m_cd != reinterpret_cast<iconv_t>(-1); }
    iconv_t get() const { return m_cd; }

  private:
    iconv_t m_cd;
};

} // namespace

std::string decode_to_utf8(std::string_view bytes, const std::string& encoding,
                           const std::string& file) {
    Converter conv(encoding);
    if (!conv.ok())
        throw core::UsageError(core::msg::tr("db.encoding.unknown", {{"encoding", encoding}}));
    std::string out;
    out.resize(bytes.size() * 2 + 16);
    char* in = const_cast<char*>(bytes.data()); // iconv's signature; the input is not written
    std::size_t in_left = bytes.size();
    std::size_t done = 0;
    while (in_left > 0) {
        char* dst = out.data() + done;
        std::size_t out_left = out.size() - done;
        std::size_t rc = iconv(conv.get(), &in, &in_left, &dst, &out_left);
        done = out.size() - out_left;
        if (rc != static_cast<std::size_t>(-1))
            continue;
        if (errno == E2BIG) {
            out.resize(out.size() * 2);
            continue;
        }
        auto offset = static_cast<std::size_t>(in - bytes.data());
        auto byte = static_cast<unsigned char>(bytes[offset]);
        throw core::UsageError(
            core::msg::tr(errno == EINVAL ? "db.encoding.truncated" : "db.encoding.invalid",
                          {{"file", file},
                           {"offset", offset},
                           {"byte", fmt::format("0x{:02X}", byte)},
                           {"encoding", encoding}}));
    }
    out.resize(done);
    // A UTF-8 byte order mark is not part of the text (Flyway strips it too).
    if (out.compare(0, 3, "\xEF\xBB\xBF") == 0)
        out.erase(0, 3);
    return out;
}

} // namespace compuerta::plugin::db
