#pragma once
// Small pieces the three gate commands share.
#include "core/config/deferred.hpp"
#include "core/model.hpp"

#include <optional>
#include <string>

namespace compuerta::plugin::gates {

// A check whose outcome is known when the suite is built (e.g. a config
// value that cannot be resolved): reported like any other result.
class FixedCheck final : public core::Check {
  public:
    FixedCheck(core::CheckSpec spec, core::Outcome outcome)
        : core::Check(std::move(spec)), m_outcome(std::move(outcome)) {}
    core::Outcome run(const core::Deadline&) override { return m_outcome; }

  private:
    core::Outcome m_outcome;
};

core::CheckSpec make_spec(std::string id, std::string item, std::string name, std::string classname,
                          core::Millis timeout);

// pass|warn|fail for a policy flag or key; throws UsageError naming `what`.
core::Status policy_status(const std::string& text, const std::string& what);

// The first of: flag value, config value (expanded), environment variable; empty when none.
std::string first_of(const std::optional<std::string>& flag, const core::config::Deferred& value,
                     const core::Env& env, const std::string& variable);

} // namespace compuerta::plugin::gates
