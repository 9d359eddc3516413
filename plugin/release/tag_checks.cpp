// 3.4: the tag exists, follows the pattern, is annotated and is newer than
// the earlier tags of its line.
#include "plugin/release/checks.hpp"

#include <fmt/format.h>

namespace compuerta::plugin::release {

namespace {

class TagExists final : public core::Check {
  public:
    explicit TagExists(std::shared_ptr<Context> ctx)
        : core::Check(release_spec("tag-exists", "3.4", fmt::format("La etiqueta {} existe", ctx->settings.tag))), m_ctx(std::move(ctx)) {}
    core::Outcome run(const core::Deadline&) override {
        const std::string& name = m_ctx->settings.tag;
        auto t = m_ctx->git.tag(name);
        if (!t && t.error().kind == core::GitErrorKind::not_found) {
            std::string v = m_ctx->version ? m_ctx->version->str() : "VERSION";
            return core::Outcome::make(
                core::Status::fail,
                fmt::format("tag {} not found in {}; create it with `compuerta tag {}` or fetch the tags "
                            "(`git fetch --tags`)",
                            name, m_ctx->git.path(), v));
        }
        if (!t && t.error().kind == core::GitErrorKind::not_a_commit)
            return core::Outcome::make(
                core::Status::fail,
                fmt::format("{0}: a release tag must name the release commit. Delete it (`git tag -d {1}`, and `git "
                            "push origin :refs/tags/{1}` if it was pushed) and tag the release commit (`compuerta tag "
                            "{2}`)",
                            t.error().message, name, m_ctx->version ? m_ctx->version->str() : "VERSION"));
        if (!t) return git_error_outcome(t.error(), "reading tag " + name);
        return core::Outcome::make(core::Status::pass,
                                   fmt::format("{} points to commit {}", name, short_id(t->commit)),
                                   {{"tag", name}, {"commit", t->commit}, {"object", t->object}});
    }

  private:
    std::shared_ptr<Context> m_ctx;
};

class TagPatternCheck final : public core::Check {
  public:
    explicit TagPatternCheck(std::shared_ptr<Context> ctx)
        : core::Check(release_spec("tag-pattern", "3.4", fmt::format("La etiqueta {} sigue el patrón {}", ctx->settings.tag,
                                                      ctx->settings.pattern.text()))),
          m_ctx(std::move(ctx)) {}
    core::Outcome run(const core::Deadline&) override {
        const auto& s = m_ctx->settings;
        if (m_ctx->version)
            return core::Outcome::make(core::Status::pass,
                                       fmt::format("{} is version {} (line {})", s.tag, m_ctx->version->str(),
                                                   m_ctx->version->line()),
                                       {{"version", m_ctx->version->str()}});
        std::string hint;
        auto names = m_ctx->git.tag_names();
        if (names) {
            std::size_t matching = 0;
            for (const auto& n : *names)
                if (s.pattern.match(n)) ++matching;
            if (matching == 0)
                hint = fmt::format(" No tag of the repository matches {} either ({} tags): check release.tag_pattern "
                                   "or --tag-pattern.",
                                   s.pattern.text(), names->size());
        }
        return core::Outcome::make(
            core::Status::fail,
            fmt::format("{} does not follow the pattern {} (semantic versioning: MAJOR.MINOR.PATCH with an optional "
                        "-PRERELEASE such as -rc.1); tag e.g. {}.{}",
                        s.tag, s.pattern.text(), s.pattern.format(*parse_version("2.3.0")), hint));
    }

  private:
    std::shared_ptr<Context> m_ctx;
};

class TagAnnotated final : public core::Check {
  public:
    explicit TagAnnotated(std::shared_ptr<Context> ctx)
        : core::Check(release_spec("tag-annotated", "3.4", fmt::format("La etiqueta {} es anotada", ctx->settings.tag), {"tag-exists"})),
          m_ctx(std::move(ctx)) {}
    core::Outcome run(const core::Deadline&) override {
        const std::string& name = m_ctx->settings.tag;
        auto t = m_ctx->git.tag(name);
        if (!t) return git_error_outcome(t.error(), "reading tag " + name);
        if (t->annotated)
            return core::Outcome::make(core::Status::pass, fmt::format("{} is annotated by {}", name, t->tagger),
                                       {{"tagger", t->tagger}});
        if (m_ctx->settings.allow_lightweight)
            return core::Outcome::make(core::Status::pass,
                                       fmt::format("{} is a lightweight tag, accepted by release.allow_lightweight", name));
        return core::Outcome::make(
            core::Status::fail,
            fmt::format("{0} is a lightweight tag (no tagger, date or message); replace it with an annotated tag: "
                        "`git tag -d {0}` then `compuerta tag {1}` (or `git tag -a {0}`), or set "
                        "release.allow_lightweight: true",
                        name, m_ctx->version ? m_ctx->version->str() : "VERSION"));
    }

  private:
    std::shared_ptr<Context> m_ctx;
};

class TagNewer final : public core::Check {
  public:
    TagNewer(std::shared_ptr<Context> ctx, bool must_exist)
        : core::Check(release_spec("tag-newer", "3.4",
                           fmt::format("La etiqueta {} es la más nueva de su línea", ctx->settings.tag),
                           must_exist ? std::vector<std::string>{"tag-pattern"} : std::vector<std::string>{})),
          m_ctx(std::move(ctx)) {}
    core::Outcome run(const core::Deadline&) override {
        const auto& s = m_ctx->settings;
        if (!m_ctx->version)
            return core::Outcome::make(core::Status::fail,
                                       fmt::format("{} does not follow {}: no version to compare", s.tag, s.pattern.text()));
        const Version& v = *m_ctx->version;
        auto names = m_ctx->git.tag_names();
        if (!names) return git_error_outcome(names.error(), "listing tags");
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
                fmt::format("{} is not newer than {} of the same line {}; release a higher version (after {})", s.tag,
                            same_line_max->second, v.line(), same_line_max->second),
                ev);
        if (newest && v < newest->first)
            return core::Outcome::make(
                core::Status::warn,
                fmt::format("{} is newest of line {} but older than {} (a hotfix on an older line?)", s.tag, v.line(),
                            newest->second),
                ev);
        return core::Outcome::make(
            core::Status::pass,
            previous ? fmt::format("{} is newer than every earlier tag (previous release {})", s.tag, previous->second)
                     : fmt::format("{} is the first release tag matching {}", s.tag, s.pattern.text()),
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
