#pragma once
// Escaping for XML and HTML text and attributes (one copy).
#include <string>
#include <string_view>

namespace compuerta::core::util {

// &, <, >, " and ' as entities: safe in XML/HTML text and quoted attributes.
std::string xml_escape(std::string_view s);

} // namespace compuerta::core::util
