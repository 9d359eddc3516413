#include "plugin/release/changelog.hpp"

#include "core/messages/catalog.hpp"

#include <fmt/format.h>

namespace compuerta::plugin::release {

namespace {
constexpr std::size_t k_max_lines = 500;
} // namespace

core::GitResult<std::optional<PreviousTag>> previous_tag(core::GitRepo& git, const TagPattern& pattern,
                                                         const Version& v) {
    auto names = git.tag_names();
    if (!names) return names.error();
    std::optional<std::pair<Version, std::string>> best;
    for (const auto& n : *names) {
        auto o = pattern.match(n);
        if (o && *o < v && (!best || best->first < *o)) best = {*o, n};
    }
    if (!best) return std::optional<PreviousTag>();
    auto t = git.tag(best->second);
    if (!t) return t.error();
    return std::optional<PreviousTag>(PreviousTag{best->second, t->commit});
}

std::string tag_message(core::GitRepo& git, const std::string& tag, const std::optional<PreviousTag>& prev,
                        const std::string& commit) {
    std::string msg = core::msg::tr("release.changelog.title", {{"tag", tag}}) + "\n\n";
    auto commits = git.commits_between(prev ? std::vector<std::string>{prev->commit} : std::vector<std::string>{}, commit,
                                      k_max_lines + 1);
    if (!commits) {
        return msg +
               core::msg::tr("release.changelog.not_listed",
                             {{"previous", prev ? prev->name : core::msg::tr("release.changelog.beginning")},
                              {"error", commits.error().message}}) +
               "\n";
    }
    msg += (prev ? core::msg::tr("release.changelog.since", {{"previous", prev->name}})
                 : core::msg::tr("release.changelog.all")) +
           "\n";
    std::size_t n = 0;
    for (const auto& c : *commits) {
        if (c.parents > 1) continue;
        if (++n > k_max_lines) {
            msg += "- ...\n";
            break;
        }
        msg += fmt::format("- {} ({})\n", c.summary, c.oid.substr(0, 12));
    }
    if (n == 0) msg += "- " + core::msg::tr("release.changelog.none") + "\n";
    return msg;
}

} // namespace compuerta::plugin::release
