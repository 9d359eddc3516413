#include "plugin/release/settings.hpp"

#include "core/cli/given_flags.hpp"
#include "core/config/sections/release.hpp"
#include "core/errors.hpp"
#include "core/messages/catalog.hpp"

namespace compuerta::plugin::release {

namespace msg = core::msg;

namespace po = core::cli::po;

void add_repo_options(po::options_description& d, bool gate_flags) {
    d.add_options()("repo", po::value<std::string>(), msg::tr("release.opt.repo").c_str())(
        "main", po::value<std::string>(), msg::tr("release.opt.main").c_str())(
        "release-branch", po::value<std::string>(), msg::tr("release.opt.release_branch").c_str())(
        "tag-pattern", po::value<std::string>(), msg::tr("release.opt.tag_pattern").c_str());
    if (!gate_flags)
        return;
    d.add_options()("allow-lightweight", po::bool_switch(),
                    msg::tr("release.opt.allow_lightweight").c_str())(
        "version-file", po::value<std::string>(), msg::tr("release.opt.version_file").c_str());
}

std::string Settings::branch_for(const std::optional<Version>& v) const {
    if (!release_branch.empty() || !v)
        return v ? format_branch(release_branch, *v) : release_branch;
    return format_branch(release_pattern, *v);
}

Settings read_settings(const core::cli::Invocation& inv) {
    const auto& env = inv.env();
    const core::config::ReleaseSection rel =
        core::config::release_decl().read(inv.config(), core::cli::given_flags(inv),
                                          {{"repo", "repo"},
                                           {"main", "main_branch"},
                                           {"tag-pattern", "tag_pattern"},
                                           {"allow-lightweight", "allow_lightweight"},
                                           {"version-file", "version_file"}});
    Settings s;
    s.repo = rel.repo;
    if (auto t = inv.arg<std::string>("tag")) {
        s.tag = *t;
        s.tag_source = "--tag";
    } else if (auto ci = env.get_or("CI_COMMIT_TAG", ""); !ci.empty()) {
        s.tag = ci;
        s.tag_source = "CI_COMMIT_TAG";
    } else if (auto jk = env.get_or("TAG_NAME", ""); !jk.empty()) {
        s.tag = jk;
        s.tag_source = "TAG_NAME";
    }
    s.main_branch = rel.main_branch.value_or(env.get_or("CI_DEFAULT_BRANCH", "main"));
    if (s.main_branch.empty())
        throw core::UsageError(msg::tr("release.main.empty"));
    s.release_branch = inv.arg<std::string>("release-branch").value_or("");
    s.release_pattern = rel.release_branch;
    if (rel.tag_pattern.present()) // "--tag-pattern" or "compuerta.yml:4:16"
        s.pattern = TagPattern::parse(rel.tag_pattern.str(),
                                      rel.tag_pattern.where() + ": release.tag_pattern");
    s.allow_lightweight = rel.allow_lightweight;
    s.version_file = rel.version_file;
    return s;
}

} // namespace compuerta::plugin::release
