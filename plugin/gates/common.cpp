#include "plugin/gates/common.hpp"

#include "core/errors.hpp"
#include "core/messages/catalog.hpp"

#include <fmt/format.h>

namespace compuerta::plugin::gates {

core::CheckSpec make_spec(std::string id, std::string item, std::string name, std::string classname,
                          core::Millis timeout) {
    core::CheckSpec s;
    s.id = std::move(id);
    s.item = std::move(item);
    s.name = std::move(name);
    s.classname = std::move(classname);
    s.timeout = timeout;
    return s;
}

core::Status policy_status(const std::string& text, const std::string& what) {
    if (text == "pass")
        return core::Status::pass;
    if (text == "warn")
        return core::Status::warn;
    if (text == "fail")
        return core::Status::fail;
    throw core::UsageError(
        core::msg::tr("gates.policy.invalid", {{"what", what}, {"value", text}}));
}

std::string first_of(const std::optional<std::string>& flag, const core::config::Deferred& value,
                     const core::Env& env, const std::string& variable) {
    if (flag)
        return *flag;
    if (value.present())
        return value.str();
    if (!variable.empty())
        return env.get_or(variable, "");
    return {};
}

} // namespace compuerta::plugin::gates
