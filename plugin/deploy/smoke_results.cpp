#include "plugin/deploy/smoke_results.hpp"

#include "core/messages/catalog.hpp"

#include <cctype>
#include <fmt/format.h>
#include <pugixml.hpp>

namespace compuerta::plugin::deploy {

std::string item_of(const std::string& name) {
    auto sp = name.find(' ');
    std::string head = name.substr(0, sp);
    if (head.empty()) return {};
    // Plan items: "6.3", "2.2", "4", "R2".
    bool ok = std::isdigit(static_cast<unsigned char>(head[0])) || (head[0] == 'R' && head.size() > 1);
    for (std::size_t i = 1; i < head.size() && ok; ++i)
        ok = std::isdigit(static_cast<unsigned char>(head[i])) || head[i] == '.';
    return ok ? head : std::string();
}

core::Result<std::vector<SmokeFinding>> read_junit_findings(const std::filesystem::path& file) {
    std::error_code ec;
    if (!std::filesystem::exists(file, ec))
        return core::Error{core::msg::tr("rollback.junit.missing", {{"file", file.string()}})};
    pugi::xml_document doc;
    auto parsed = doc.load_file(file.c_str());
    if (!parsed)
        return core::Error{core::msg::tr("rollback.junit.invalid",
                                         {{"file", file.string()},
                                          {"offset", static_cast<long long>(parsed.offset)},
                                          {"error", parsed.description()}})};
    std::vector<SmokeFinding> out;
    for (auto tc : doc.select_nodes("//testcase")) {
        pugi::xml_node n = tc.node();
        SmokeFinding f;
        f.name = n.attribute("name").as_string();
        f.item = item_of(f.name);
        f.source = file.filename().string();
        if (n.child("failure")) f.status = core::Status::fail;
        else if (n.child("error")) f.status = core::Status::error;
        else if (n.child("skipped")) f.status = core::Status::skip;
        else f.status = core::Status::pass;
        out.push_back(std::move(f));
    }
    if (out.empty())
        return core::Error{core::msg::tr("rollback.junit.empty", {{"file", file.string()}})};
    return out;
}

} // namespace compuerta::plugin::deploy
