#include "smoke/suite.hpp"

#include "core/errors.hpp"
#include "core/util/text.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace compuerta::smoke {

namespace {

bool matches(const core::CheckSpec& s, const std::string& key) { return s.id == key || s.item == key; }

std::vector<std::shared_ptr<core::Check>> select(std::vector<std::shared_ptr<core::Check>> all,
                                                 const std::vector<std::string>& raw_keys, bool keep,
                                                 const char* flag) {
    // "6.1,renapo" and repeated flags both work.
    std::vector<std::string> keys;
    for (const auto& v : raw_keys)
        for (auto& k : core::util::split_list(v)) keys.push_back(std::move(k));
    for (const auto& k : keys) {
        bool any = std::any_of(all.begin(), all.end(), [&](const auto& c) { return matches(c->spec(), k); });
        if (!any) throw core::UsageError(fmt::format("{} {}: no check has that id or plan item", flag, k));
    }
    if (keys.empty()) return all;
    std::vector<std::shared_ptr<core::Check>> out;
    for (auto& c : all) {
        bool hit = std::any_of(keys.begin(), keys.end(), [&](const auto& k) { return matches(c->spec(), k); });
        if (hit == keep) out.push_back(c);
    }
    // A kept check's prerequisite that was filtered out no longer gates it.
    for (auto& c : out) {
        auto& deps = c->spec().depends_on;
        deps.erase(std::remove_if(deps.begin(), deps.end(),
                                  [&](const std::string& d) {
                                      return std::none_of(out.begin(), out.end(),
                                                          [&](const auto& o) { return o->spec().id == d; });
                                  }),
                   deps.end());
    }
    return out;
}

} // namespace

std::string default_check_id(const std::string& kind, std::map<std::string, int>& seen) {
    int n = seen[kind]++;
    return n > 0 ? kind + "-" + std::to_string(n + 1) : kind;
}

std::vector<std::shared_ptr<core::Check>> build_suite(const SuiteContext& ctx, const Selection& selection) {
    std::vector<std::shared_ptr<core::Check>> checks;
    auto defs = ctx.config.at("smoke.checks").items();
    if (defs.empty()) {
        const Kind& k = kinds().at("postgres");
        core::config::Value none;
        checks.push_back(k.make(none, spec_from(none, "postgres", k, ctx, "postgres"), ctx));
    }
    std::map<std::string, int> seen;
    for (const auto& def : defs) {
        std::string kind = def["kind"].str();
        auto it = kinds().find(kind);
        if (it == kinds().end()) throw core::ConfigError(fmt::format("{}: unknown check kind \"{}\"", def.where(), kind));
        std::string default_id = default_check_id(kind, seen);
        checks.push_back(it->second.make(def, spec_from(def, kind, it->second, ctx, default_id), ctx));
    }
    checks = select(std::move(checks), selection.only, true, "--only");
    checks = select(std::move(checks), selection.skip, false, "--skip");
    return checks;
}

} // namespace compuerta::smoke
