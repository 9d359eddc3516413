#pragma once
// Reading XML as a stream of element events (expat adapter:
// core/adapters/expat_xml.cpp), so a report of any size is read in bounded
// memory: no tree is built and character data is never buffered.
#include "core/result.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace compuerta::core {

struct XmlAttribute {
    std::string_view name;
    std::string_view value;
};

// Receives element events in document order. The views are valid only
// during the call.
class XmlHandler {
  public:
    virtual ~XmlHandler() = default;
    // Returns false to stop reading (the handler keeps its own reason).
    virtual bool start(std::string_view name, const std::vector<XmlAttribute>& attrs) = 0;
    virtual void end(std::string_view name) = 0;
};

struct XmlError {
    bool io = false;    // the file could not be opened or read (else: not well-formed XML)
    long line = 0;      // 1-based, 0 when unknown
    long column = 0;    // 1-based, 0 when unknown
    std::string message;
};

struct XmlRead {
    std::uint64_t bytes = 0; // bytes read
    bool stopped = false;    // the handler asked to stop
};

// Reads `path` in fixed-size chunks and feeds `handler`. Never throws for
// bad input: an unreadable file or malformed XML is an XmlError.
Result<XmlRead, XmlError> read_xml_file(const std::string& path, XmlHandler& handler);
// The same over text in memory (tests).
Result<XmlRead, XmlError> read_xml_text(std::string_view text, XmlHandler& handler);

} // namespace compuerta::core
