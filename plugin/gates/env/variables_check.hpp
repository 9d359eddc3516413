#pragma once
// 2.3: required variables are set and non-empty, and no ${VAR} used in the
// configuration is left unresolved. Only names are ever shown.
#include "core/config/config.hpp"
#include "core/model.hpp"
#include "core/ports/env.hpp"

namespace compuerta::plugin::gates {

class RequiredVariablesCheck final : public core::Check {
  public:
    RequiredVariablesCheck(core::CheckSpec spec, std::vector<std::string> names,
                           const core::Env& env);
    core::Outcome run(const core::Deadline& deadline) override;

  private:
    std::vector<std::string> m_names;
    const core::Env& m_env;
};

class ConfigCheck final : public core::Check {
  public:
    ConfigCheck(core::CheckSpec spec, const core::config::Config& config);
    core::Outcome run(const core::Deadline& deadline) override;

  private:
    const core::config::Config& m_config;
};

} // namespace compuerta::plugin::gates
