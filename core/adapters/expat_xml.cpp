// The XML stream port over expat: chunked reads, no tree, no text buffering.
#include "core/messages/catalog.hpp"
#include "core/ports/xml_stream.hpp"
#include "core/util/file.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <expat.h>
#include <memory>

namespace compuerta::core {

namespace {

constexpr std::size_t k_chunk = 256 * 1024;

struct State {
    XmlHandler* handler = nullptr;
    XML_Parser parser = nullptr;
    std::vector<XmlAttribute> attrs; // reused for every element
    bool stopped = false;
};

void XMLCALL on_start(void* user, const XML_Char* name, const XML_Char** atts) {
    auto* st = static_cast<State*>(user);
    st->attrs.clear();
    for (int i = 0; atts[i] != nullptr && atts[i + 1] != nullptr; i += 2)
        st->attrs.push_back({atts[i], atts[i + 1]});
    if (!st->handler->start(name, st->attrs)) {
        st->stopped = true;
        XML_StopParser(st->parser, XML_FALSE);
    }
}

void XMLCALL on_end(void* user, const XML_Char* name) {
    auto* st = static_cast<State*>(user);
    if (!st->stopped)
        st->handler->end(name);
}

struct ParserDeleter {
    void operator()(XML_ParserStruct* p) const noexcept { XML_ParserFree(p); }
};

class Reader {
  public:
    explicit Reader(XmlHandler& h) : m_parser(XML_ParserCreate(nullptr)) {
        m_state.handler = &h;
        m_state.parser = m_parser.get();
        XML_SetUserData(m_parser.get(), &m_state);
        XML_SetElementHandler(m_parser.get(), on_start, on_end);
    }
    bool ok() const { return m_parser != nullptr; }
    // Feeds `len` bytes already copied into the parser's buffer; false on error or stop.
    bool feed(int len, bool final) {
        if (XML_ParseBuffer(m_parser.get(), len, final ? XML_TRUE : XML_FALSE) == XML_STATUS_ERROR)
            return false;
        return !m_state.stopped;
    }
    void* buffer(int len) { return XML_GetBuffer(m_parser.get(), len); }
    bool stopped() const { return m_state.stopped; }
    XmlError error() const {
        XmlError e;
        e.line = static_cast<long>(XML_GetCurrentLineNumber(m_parser.get()));
        e.column = static_cast<long>(XML_GetCurrentColumnNumber(m_parser.get())) + 1;
        e.message = XML_ErrorString(XML_GetErrorCode(m_parser.get()));
        return e;
    }

  private:
    std::unique_ptr<XML_ParserStruct, ParserDeleter> m_parser;
    State m_state;
};

} // namespace

Result<XmlRead, XmlError> read_xml_file(const std::string& path, XmlHandler& handler) {
    util::UniqueFile f = util::open_file(path, "rb");
    if (!f)
        return XmlError{true, 0, 0, std::strerror(errno)};
    Reader r(handler);
    if (!r.ok())
        return XmlError{true, 0, 0, msg::tr("xml.no_parser")};
    XmlRead out;
    for (;;) {
        void* buf = r.buffer(static_cast<int>(k_chunk));
        if (buf == nullptr)
            return XmlError{true, 0, 0, msg::tr("xml.out_of_memory")};
        std::size_t n = std::fread(buf, 1, k_chunk, f.get());
        if (n < k_chunk && std::ferror(f.get()))
            return XmlError{true, 0, 0, std::strerror(errno)};
        out.bytes += n;
        bool final = n < k_chunk && std::feof(f.get());
        if (!r.feed(static_cast<int>(n), final)) {
            if (r.stopped()) {
                out.stopped = true;
                return out;
            }
            return r.error();
        }
        if (final)
            return out;
    }
}

Result<XmlRead, XmlError> read_xml_text(std::string_view text, XmlHandler& handler) {
    Reader r(handler);
    if (!r.ok())
        return XmlError{true, 0, 0, msg::tr("xml.no_parser")};
    void* buf = r.buffer(static_cast<int>(text.size() + 1));
    if (buf == nullptr)
        return XmlError{true, 0, 0, msg::tr("xml.out_of_memory")};
    std::memcpy(buf, text.data(), text.size());
    XmlRead out;
    out.bytes = text.size();
    if (!r.feed(static_cast<int>(text.size()), true)) {
        if (r.stopped()) {
            out.stopped = true;
            return out;
        }
        return r.error();
    }
    return out;
}

} // namespace compuerta::core
