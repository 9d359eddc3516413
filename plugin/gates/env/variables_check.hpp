#pragma once
// 2.3: required variables are set and non-empty, and no ${VAR} used in the
// configuration is left unresolved. Only names are ever shown.
#include "core/config/config.hpp"
#include "core/config/schema.hpp"
#include "core/model.hpp"
#include "core/ports/env.hpp"

namespace compuerta::plugin::gates {

class RequiredVariablesCheck final : public core::Check {
  public:
    RequiredVariablesCheck(core::CheckSpec spec, std::vector<std::string> names, const core::Env& env);
    core::Outcome run(const core::Deadline& deadline) override;

  private:
    std::vector<std::string> m_names;
    const core::Env& m_env;
};

// "file:line:col: key: ${VAR} is not set (...)" for every value of `value`
// (walked alongside `schema`) whose expansion fails. Templates are skipped:
// they are never ${}-expanded.
std::vector<std::string> unresolved_variables(const core::config::Value& value, const core::config::NodePtr& schema);

class ConfigCheck final : public core::Check {
  public:
    ConfigCheck(core::CheckSpec spec, const core::config::Config& config);
    core::Outcome run(const core::Deadline& deadline) override;

  private:
    const core::config::Config& m_config;
};

} // namespace compuerta::plugin::gates
