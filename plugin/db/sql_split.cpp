#include "plugin/db/sql_split.hpp"

#include <cctype>

namespace compuerta::plugin::db {

namespace {

bool blank(std::string_view s) {
    // Only whitespace and comments.
    std::size_t i = 0;
    while (i < s.size()) {
        if (std::isspace(static_cast<unsigned char>(s[i]))) ++i;
        else if (s.substr(i, 2) == "--") {
            auto nl = s.find('\n', i);
            i = nl == std::string_view::npos ? s.size() : nl + 1;
        } else if (s.substr(i, 2) == "/*") {
            auto end = s.find("*/", i + 2);
            i = end == std::string_view::npos ? s.size() : end + 2;
        } else return false;
    }
    return true;
}

bool ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

} // namespace

std::vector<std::string> split_statements(std::string_view sql) {
    std::vector<std::string> out;
    std::size_t start = 0, i = 0;
    auto emit = [&](std::size_t end) {
        std::string_view stmt = sql.substr(start, end - start);
        if (!blank(stmt)) out.emplace_back(stmt);
    };
    while (i < sql.size()) {
        char c = sql[i];
        if (c == '-' && sql.substr(i, 2) == "--") {
            auto nl = sql.find('\n', i);
            i = nl == std::string_view::npos ? sql.size() : nl + 1;
        } else if (c == '/' && sql.substr(i, 2) == "/*") {
            int depth = 1;
            i += 2;
            while (i < sql.size() && depth > 0) {
                if (sql.substr(i, 2) == "/*") ++depth, i += 2;
                else if (sql.substr(i, 2) == "*/") --depth, i += 2;
                else ++i;
            }
        } else if (c == '\'' || c == '"') {
            bool escapes = c == '\'' && i > 0 && (sql[i - 1] == 'E' || sql[i - 1] == 'e') &&
                           (i < 2 || !ident_char(sql[i - 2]));
            ++i;
            while (i < sql.size()) {
                if (escapes && sql[i] == '\\') i += 2;
                else if (sql[i] == c) {
                    if (i + 1 < sql.size() && sql[i + 1] == c) i += 2;
                    else break;
                } else ++i;
            }
            ++i;
        } else if (c == '$' && (i == 0 || !ident_char(sql[i - 1]))) {
            std::size_t j = i + 1;
            while (j < sql.size() && ident_char(sql[j]) && !std::isdigit(static_cast<unsigned char>(sql[i + 1]))) ++j;
            if (j < sql.size() && sql[j] == '$') {
                std::string_view tag = sql.substr(i, j - i + 1);
                auto end = sql.find(tag, j + 1);
                i = end == std::string_view::npos ? sql.size() : end + tag.size();
            } else {
                i = j; // a positional parameter such as $1
            }
        } else if (c == ';') {
            emit(i);
            start = ++i;
        } else {
            ++i;
        }
    }
    if (start < sql.size()) emit(sql.size());
    return out;
}

} // namespace compuerta::plugin::db
