#pragma once
// Migration files in the encoding Flyway reads them with (flyway.encoding,
// here database.migrations.encoding): decoded to UTF-8 before the checksum
// and before PostgreSQL sees them.
#include <string>
#include <string_view>

namespace compuerta::plugin::db {

// `bytes` decoded from `encoding` (an iconv name: UTF-8, ISO-8859-1,
// WINDOWS-1252, UTF-16...) to UTF-8, without a leading byte order mark.
// Throws core::UsageError naming `file` and the byte offset of the first
// byte that is not valid in `encoding`, or naming the setting when iconv
// does not know the encoding.
std::string decode_to_utf8(std::string_view bytes, const std::string& encoding,
                           const std::string& file);

} // namespace compuerta::plugin::db
