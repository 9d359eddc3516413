// 3.4 (optional): the version written in the tagged tree matches the tag.
#include "plugin/release/checks.hpp"
#include "core/util/text.hpp"

#include "core/messages/catalog.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <regex>

namespace compuerta::plugin::release {

namespace msg = core::msg;

namespace {

// The version written in `text`, by the file's kind; "" when none found.
std::string version_in(const std::string& path, const std::string& text) {
    std::string base = path.substr(path.find_last_of('/') == std::string::npos ? 0 : path.find_last_of('/') + 1);
    if (base == "CMakeLists.txt") {
        static const std::regex re(R"(project\s*\([^)]*\bVERSION\s+([0-9][0-9A-Za-z.+-]*))", std::regex::icase);
        std::smatch m;
        return std::regex_search(text, m, re) ? m[1].str() : "";
    }
    if (base == "package.json") {
        auto j = nlohmann::json::parse(text, nullptr, false);
        if (j.is_object() && j.contains("version") && j["version"].is_string()) return j["version"].get<std::string>();
        return "";
    }
    std::size_t pos = 0;
    while (pos < text.size()) {
        auto nl = text.find('\n', pos);
        std::string line = core::util::trim(text.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos));
        if (!line.empty()) return line[0] == 'v' ? line.substr(1) : line;
        if (nl == std::string::npos) break;
        pos = nl + 1;
    }
    return "";
}

class VersionFile final : public core::Check {
  public:
    explicit VersionFile(std::shared_ptr<Context> ctx)
        : core::Check(release_spec("version-file", "3.4",
                                   msg::tr("release.check.version_file",
                                           {{"file", ctx->settings.version_file}, {"tag", ctx->settings.tag}}),
                                   {"tag-exists", "tag-pattern"})),
          m_ctx(std::move(ctx)) {}
    core::Outcome run(const core::Deadline&) override {
        const auto& s = m_ctx->settings;
        auto t = m_ctx->git.tag(s.tag);
        if (!t) return git_error_outcome(t.error(), msg::tr("release.reading_tag", {{"tag", s.tag}}));
        auto text = m_ctx->git.read_file(t->commit, s.version_file);
        if (!text && text.error().kind == core::GitErrorKind::not_found)
            return core::Outcome::make(core::Status::fail,
                                       msg::tr("release.version_file.missing", {{"file", s.version_file},
                                                                                {"tag", s.tag},
                                                                                {"commit", short_id(t->commit)}}));
        if (!text) return git_error_outcome(text.error(), msg::tr("release.reading_file", {{"file", s.version_file}}));
        std::string found = version_in(s.version_file, *text);
        const Version& v = *m_ctx->version;
        core::Evidence ev = {{"file", s.version_file}, {"found", found}, {"expected", v.str()}};
        if (found.empty())
            return core::Outcome::make(core::Status::fail,
                                       msg::tr("release.version_file.none", {{"file", s.version_file}, {"tag", s.tag}}), ev);
        auto parsed = parse_version(found);
        // CMake's project(VERSION) cannot spell a pre-release: compare MAJOR.MINOR.PATCH there.
        bool cmake = s.version_file.size() >= 14 &&
                     s.version_file.compare(s.version_file.size() - 14, 14, "CMakeLists.txt") == 0;
        bool same = parsed && (cmake ? parsed->core() == v.core() : compare(*parsed, v) == 0);
        if (same)
            return core::Outcome::make(core::Status::pass,
                                       msg::tr("release.version_file.same", {{"file", s.version_file}, {"found", found}, {"tag", s.tag}}),
                                       ev);
        return core::Outcome::make(core::Status::fail,
                                   msg::tr("release.version_file.differs", {{"file", s.version_file},
                                                                            {"found", found},
                                                                            {"tag", s.tag},
                                                                            {"version", cmake ? v.core() : v.str()}}),
                                   ev);
    }

  private:
    std::shared_ptr<Context> m_ctx;
};

} // namespace

std::shared_ptr<core::Check> make_version_file(const std::shared_ptr<Context>& ctx) {
    return std::make_shared<VersionFile>(ctx);
}

} // namespace compuerta::plugin::release
