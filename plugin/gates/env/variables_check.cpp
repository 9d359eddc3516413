#include "plugin/gates/env/variables_check.hpp"

#include "core/config/unresolved.hpp"
#include "core/messages/catalog.hpp"

#include <fmt/format.h>

namespace compuerta::plugin::gates {

namespace cfg = core::config;
namespace msg = core::msg;

RequiredVariablesCheck::RequiredVariablesCheck(core::CheckSpec spec, std::vector<std::string> names,
                                               const core::Env& env)
    : core::Check(std::move(spec)), m_names(std::move(names)), m_env(env) {}

core::Outcome RequiredVariablesCheck::run(const core::Deadline&) {
    std::vector<std::string> unset, empty;
    for (const auto& n : m_names) {
        auto v = m_env.get(n);
        if (!v) {
            // NAME_FILE stands for NAME (a secret mounted as a file).
            auto f = m_env.get(n + "_FILE");
            if (!f || f->empty())
                unset.push_back(n);
        } else if (v->empty()) {
            empty.push_back(n);
        }
    }
    auto join = [](const std::vector<std::string>& v) {
        std::string s;
        for (const auto& x : v)
            s += (s.empty() ? "" : ", ") + x;
        return s;
    };
    core::Evidence ev = {{"required", core::EvidenceValue::integer(m_names.size())},
                         {"unset", join(unset)},
                         {"empty", join(empty)}};
    if (unset.empty() && empty.empty())
        return core::Outcome::make(
            core::Status::pass,
            msg::trn("gates.env.vars.set", static_cast<long long>(m_names.size())), ev);
    const char* id = unset.empty()   ? "gates.env.vars.empty"
                     : empty.empty() ? "gates.env.vars.unset"
                                     : "gates.env.vars.unset_empty";
    return core::Outcome::make(core::Status::fail,
                               msg::trn(id, static_cast<long long>(unset.size() + empty.size()),
                                        {{"unset", join(unset)}, {"empty", join(empty)}}),
                               ev);
}

ConfigCheck::ConfigCheck(core::CheckSpec spec, const cfg::Config& config)
    : core::Check(std::move(spec)), m_config(config) {}

core::Outcome ConfigCheck::run(const core::Deadline&) {
    if (!m_config.loaded())
        return core::Outcome::make(core::Status::skip, msg::tr("gates.env.config.none"));
    auto problems = cfg::unresolved_variables(m_config);
    core::Evidence ev = {{"file", m_config.file()},
                         {"unresolved", core::EvidenceValue::integer(problems.size())}};
    if (problems.empty())
        return core::Outcome::make(
            core::Status::pass, msg::tr("gates.env.config.valid", {{"file", m_config.file()}}), ev);
    core::Outcome o = core::Outcome::make(
        core::Status::fail,
        msg::trn("gates.env.config.unresolved", static_cast<long long>(problems.size()),
                 {{"file", m_config.file()}, {"first", problems.front()}}),
        ev);
    for (const auto& p : problems)
        o.detail += p + "\n";
    return o;
}

} // namespace compuerta::plugin::gates
