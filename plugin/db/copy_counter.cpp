#include "plugin/db/pg_tools.hpp"

#include <cstring>

namespace compuerta::plugin::db {

void CopyCounter::line(std::string_view l) {
    if (m_in_copy) {
        if (l == "\\.") {
            m_counts[m_table] += m_rows;
            m_in_copy = false;
        } else {
            ++m_rows;
        }
        return;
    }
    constexpr std::string_view head = "COPY ", tail = " FROM stdin;";
    if (l.size() > head.size() + tail.size() && l.substr(0, head.size()) == head &&
        l.substr(l.size() - tail.size()) == tail) {
        std::string_view rest = l.substr(head.size(), l.size() - head.size() - tail.size());
        // "public.alumnos (id, curp, ...)": the name ends at the column list.
        // A quoted name may contain " (": skip quoted parts.
        std::size_t i = 0;
        bool quoted = false;
        for (; i < rest.size(); ++i) {
            if (rest[i] == '"') quoted = !quoted;
            else if (!quoted && rest[i] == ' ') break;
        }
        m_table = std::string(rest.substr(0, i));
        m_rows = 0;
        m_in_copy = true;
        m_counts.emplace(m_table, 0);
    }
}

void CopyCounter::feed(std::string_view chunk) {
    m_bytes += chunk.size();
    std::size_t pos = 0;
    if (!m_partial.empty()) {
        const void* nl = std::memchr(chunk.data(), '\n', chunk.size());
        if (nl == nullptr) {
            m_partial.append(chunk);
            return;
        }
        std::size_t end = static_cast<std::size_t>(static_cast<const char*>(nl) - chunk.data());
        m_partial.append(chunk.substr(0, end));
        line(m_partial);
        m_partial.clear();
        pos = end + 1;
    }
    while (pos < chunk.size()) {
        const void* nl = std::memchr(chunk.data() + pos, '\n', chunk.size() - pos);
        if (nl == nullptr) {
            m_partial.assign(chunk.substr(pos));
            return;
        }
        std::size_t end = static_cast<std::size_t>(static_cast<const char*>(nl) - chunk.data());
        line(chunk.substr(pos, end - pos));
        pos = end + 1;
    }
}

void CopyCounter::finish() {
    if (!m_partial.empty()) line(m_partial);
    m_partial.clear();
}

} // namespace compuerta::plugin::db
