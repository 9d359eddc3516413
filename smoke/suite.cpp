#include "smoke/suite.hpp"

#include "core/config/rules.hpp"
#include "core/config/sections/smoke.hpp"
#include "core/config/variables.hpp"
#include "core/errors.hpp"
#include "core/messages/catalog.hpp"
#include "core/runner.hpp"
#include "core/util/text.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace compuerta::smoke {

namespace {

bool matches(const core::CheckSpec& s, const std::string& key) {
    return s.id == key || s.item == key;
}

std::vector<std::shared_ptr<core::Check>> select(std::vector<std::shared_ptr<core::Check>> all,
                                                 const std::vector<std::string>& raw_keys,
                                                 bool keep, const char* flag) {
    // "6.1,renapo" and repeated flags both work.
    std::vector<std::string> keys;
    for (const auto& v : raw_keys)
        for (auto& k : core::util::split_list(v))
            keys.push_back(std::move(k));
    for (const auto& k : keys) {
        bool any = std::any_of(all.begin(), all.end(),
                               [&](const auto& c) { return matches(c->spec(), k); });
        if (!any)
            throw core::UsageError(
                core::msg::tr("smoke.select.unknown", {{"flag", flag}, {"key", k}}));
    }
    if (keys.empty())
        return all;
    std::vector<std::shared_ptr<core::Check>> out;
    for (auto& c : all) {
        bool hit = std::any_of(keys.begin(), keys.end(),
                               [&](const auto& k) { return matches(c->spec(), k); });
        if (hit == keep)
            out.push_back(c);
    }
    // A kept check's prerequisite that was filtered out no longer gates it.
    for (auto& c : out) {
        auto& deps = c->spec().depends_on;
        deps.erase(std::remove_if(deps.begin(), deps.end(),
                                  [&](const std::string& d) {
                                      return std::none_of(
                                          out.begin(), out.end(),
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

namespace {

std::shared_ptr<core::Check> build_one(const core::config::Value& def, const SuiteContext& ctx,
                                       std::map<std::string, int>& seen) {
    std::string kind = check_kind_decl().read(def).kind;
    auto it = kinds().find(kind);
    if (it == kinds().end())
        throw core::ConfigError(
            core::msg::tr("smoke.config.unknown_kind", {{"where", def.where()}, {"kind", kind}}));
    std::string default_id = default_check_id(kind, seen);
    return it->second.make(def, spec_from(def, kind, it->second, ctx, default_id), ctx);
}

bool uses_unset_variable(const core::config::Value& v) {
    bool found = false;
    core::config::for_each_unset_variable(
        v, [&](const core::config::Value&, const std::string&) { found = true; });
    return found;
}

struct Built {
    std::vector<std::shared_ptr<core::Check>> checks;
    std::vector<std::string> problems; // one per refused definition, all at once
    bool whole = true;                 // false when a definition was left out
};

// Every definition of smoke.checks through its factory. With
// `skip_unset_variables`, a definition that uses a variable not set here is
// left out (its default id still counted, as the command counts it).
Built build_checks(const SuiteContext& ctx, bool skip_unset_variables) {
    Built b;
    std::map<std::string, int> seen;
    for (const auto& def : core::config::smoke_decl().read(ctx.config).checks) {
        if (skip_unset_variables && uses_unset_variable(def)) {
            (void)default_check_id(check_kind_decl().read(def).kind, seen);
            b.whole = false;
            continue;
        }
        try {
            b.checks.push_back(build_one(def, ctx, seen));
        } catch (const core::ConfigError& e) {
            b.problems.emplace_back(e.what());
            b.whole = false;
        }
    }
    return b;
}

} // namespace

std::vector<std::shared_ptr<core::Check>> build_suite(const SuiteContext& ctx,
                                                      const Selection& selection) {
    std::vector<std::shared_ptr<core::Check>> checks;
    if (core::config::smoke_decl().read(ctx.config).checks.empty()) {
        const Kind& k = kinds().at("postgres");
        core::config::Value none;
        checks.push_back(k.make(none, spec_from(none, "postgres", k, ctx, "postgres"), ctx));
    } else {
        Built b = build_checks(ctx, false);
        if (!b.problems.empty())
            throw core::ConfigError(
                core::config::invalid_file_message(ctx.config.file(), b.problems));
        checks = std::move(b.checks);
    }
    checks = select(std::move(checks), selection.only, true, "--only");
    checks = select(std::move(checks), selection.skip, false, "--skip");
    return checks;
}

std::vector<std::string> suite_problems(const core::config::Config& cfg, const core::Env& env,
                                        const core::Adapters& adapters) {
    auto pg = adapters.postgres(); // held by the checks, never called here
    auto http = adapters.http();
    auto db = adapters.db();
    SuiteContext ctx{cfg, env, Ports{pg.get(), http.get(), db.get()},
                     core::config::smoke_decl().read(cfg).timeout, std::nullopt};
    Built b = build_checks(ctx, true);
    if (b.whole) {
        try {
            core::validate_dependencies(b.checks);
        } catch (const core::UsageError& e) {
            b.problems.emplace_back(e.what());
        }
    }
    return b.problems;
}

} // namespace compuerta::smoke
