// 3.4: the tag exists, follows the pattern, is annotated and is newer than
// the earlier tags of its line.
#include "plugin/release/checks.hpp"

#include "core/messages/catalog.hpp"

#include <fmt/format.h>

namespace compuerta::plugin::release {

namespace msg = core::msg;

namespace {

class TagExists final : public core::Check {
  public:
    explicit TagExists(std::shared_ptr<Context> ctx)
        : core::Check(release_spec("tag-exists", "3.4", msg::tr("release.check.tag_exists", {{"tag", ctx->settings.tag}}))), m_ctx(std::move(ctx)) {}
    core::Outcome run(const core::Deadline&) override {
        const std::string& name = m_ctx->settings.tag;
        auto t = m_ctx->git.tag(name);
        if (!t && t.error().kind == core::GitErrorKind::not_found) {
            std::string v = m_ctx->version ? m_ctx->version->str() : "VERSION";
            return core::Outcome::make(
                core::Status::fail,
                msg::tr("release.tag.not_found", {{"tag", name}, {"repo", m_ctx->git.path()}, {"version", v}}));
        }
        if (!t && t.error().kind == core::GitErrorKind::not_a_commit)
            return core::Outcome::make(
                core::Status::fail,
                msg::tr("release.tag.not_a_commit", {{"problem", t.error().message},
                                                     {"tag", name},
                                                     {"version", m_ctx->version ? m_ctx->version->str() : "VERSION"}}));
        if (!t) return git_error_outcome(t.error(), msg::tr("release.reading_tag", {{"tag", name}}));
        return core::Outcome::make(core::Status::pass,
                                   msg::tr("release.tag.points_to", {{"tag", name}, {"commit", short_id(t->commit)}}),
                                   {{"tag", name}, {"commit", t->commit}, {"object", t->object}});
    }

  private:
    std::shared_ptr<Context> m_ctx;
};

class TagPatternCheck final : public core::Check {
  public:
    explicit TagPatternCheck(std::shared_ptr<Context> ctx)
        : core::Check(release_spec("tag-pattern", "3.4", msg::tr("release.check.tag_pattern", {{"tag", ctx->settings.tag},
                                                                           {"pattern", ctx->settings.pattern.text()}}))),
          m_ctx(std::move(ctx)) {}
    core::Outcome run(const core::Deadline&) override {
        const auto& s = m_ctx->settings;
        if (m_ctx->version)
            return core::Outcome::make(core::Status::pass,
                                       msg::tr("release.tag.version", {{"tag", s.tag},
                                                                       {"version", m_ctx->version->str()},
                                                                       {"line", m_ctx->version->line()}}),
                                       {{"version", m_ctx->version->str()}});
        std::string hint;
        auto names = m_ctx->git.tag_names();
        if (names) {
            std::size_t matching = 0;
            for (const auto& n : *names)
                if (s.pattern.match(n)) ++matching;
            if (matching == 0)
                hint = " " + msg::trn("release.tag.pattern_matches_none", static_cast<long long>(names->size()),
                                            {{"pattern", s.pattern.text()}});
        }
        return core::Outcome::make(
            core::Status::fail,
            msg::tr("release.tag.pattern_mismatch", {{"tag", s.tag},
                                                     {"pattern", s.pattern.text()},
                                                     {"example", s.pattern.format(*parse_version("2.3.0"))},
                                                     {"hint", hint}}));
    }

  private:
    std::shared_ptr<Context> m_ctx;
};

class TagAnnotated final : public core::Check {
  public:
    explicit TagAnnotated(std::shared_ptr<Context> ctx)
        : core::Check(release_spec("tag-annotated", "3.4", msg::tr("release.check.tag_annotated", {{"tag", ctx->settings.tag}}), {"tag-exists"})),
          m_ctx(std::move(ctx)) {}
    core::Outcome run(const core::Deadline&) override {
        const std::string& name = m_ctx->settings.tag;
        auto t = m_ctx->git.tag(name);
        if (!t) return git_error_outcome(t.error(), msg::tr("release.reading_tag", {{"tag", name}}));
        if (t->annotated)
            return core::Outcome::make(core::Status::pass, msg::tr("release.tag.annotated", {{"tag", name}, {"tagger", t->tagger}}),
                                       {{"tagger", t->tagger}});
        if (m_ctx->settings.allow_lightweight)
            return core::Outcome::make(core::Status::pass,
                                       msg::tr("release.tag.lightweight_allowed", {{"tag", name}}));
        return core::Outcome::make(
            core::Status::fail,
            msg::tr("release.tag.lightweight", {{"tag", name}, {"version", m_ctx->version ? m_ctx->version->str() : "VERSION"}}));
    }

  private:
    std::shared_ptr<Context> m_ctx;
};

class TagNewer final : public core::Check {
  public:
    TagNewer(std::shared_ptr<Context> ctx, bool must_exist)
        : core::Check(release_spec("tag-newer", "3.4",
                           msg::tr("release.check.tag_newer", {{"tag", ctx->settings.tag}}),
                           must_exist ? std::vector<std::string>{"tag-pattern"} : std::vector<std::string>{})),
          m_ctx(std::move(ctx)) {}
    core::Outcome run(const core::Deadline&) override {
        const auto& s = m_ctx->settings;
        if (!m_ctx->version)
            return core::Outcome::make(core::Status::fail,
                                       msg::tr("release.tag.no_version", {{"tag", s.tag}, {"pattern", s.pattern.text()}}));
        const Version& v = *m_ctx->version;
        auto names = m_ctx->git.tag_names();
        if (!names) return git_error_outcome(names.error(), msg::tr("release.listing_tags"));
        std::optional<std::pair<Version, std::string>> same_line_max;
        std::optional<std::pair<Version, std::string>> newest;
        std::optional<std::pair<Version, std::string>> previous;
        for (const auto& n : *names) {
            if (n == s.tag) continue;
            auto o = s.pattern.match(n);
            if (!o) continue;
            if (o->same_line(v) && (!same_line_max || same_line_max->first < *o)) same_line_max = {*o, n};
            if (!newest || newest->first < *o) newest = {*o, n};
            if (*o < v && (!previous || previous->first < *o)) previous = {*o, n};
        }
        core::Evidence ev = {{"version", v.str()}};
        if (previous) ev.emplace_back("previous_tag", previous->second);
        if (same_line_max && compare(same_line_max->first, v) >= 0)
            return core::Outcome::make(
                core::Status::fail,
                msg::tr("release.tag.not_newer", {{"tag", s.tag}, {"other", same_line_max->second}, {"line", v.line()}}),
                ev);
        if (newest && v < newest->first)
            return core::Outcome::make(
                core::Status::warn,
                msg::tr("release.tag.older_line", {{"tag", s.tag}, {"line", v.line()}, {"newest", newest->second}}),
                ev);
        return core::Outcome::make(
            core::Status::pass,
            previous ? msg::tr("release.tag.newest", {{"tag", s.tag}, {"previous", previous->second}})
                     : msg::tr("release.tag.first", {{"tag", s.tag}, {"pattern", s.pattern.text()}}),
            ev);
    }

  private:
    std::shared_ptr<Context> m_ctx;
};

} // namespace

std::shared_ptr<core::Check> make_tag_exists(const std::shared_ptr<Context>& ctx) { return std::make_shared<TagExists>(ctx); }
std::shared_ptr<core::Check> make_tag_pattern(const std::shared_ptr<Context>& ctx) {
    return std::make_shared<TagPatternCheck>(ctx);
}
std::shared_ptr<core::Check> make_tag_annotated(const std::shared_ptr<Context>& ctx) {
    return std::make_shared<TagAnnotated>(ctx);
}
std::shared_ptr<core::Check> make_tag_newer(const std::shared_ptr<Context>& ctx, bool tag_must_exist) {
    return std::make_shared<TagNewer>(ctx, tag_must_exist);
}

} // namespace compuerta::plugin::release
