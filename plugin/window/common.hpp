#pragma once
// Small pieces the window's commands share.
#include "core/cli/command.hpp"
#include "core/model.hpp"

#include <functional>
#include <map>
#include <memory>
#include <string>

namespace compuerta::plugin::window {

// A check whose evaluation is a function (for commands that verify one or two things).
class FunctionCheck final : public core::Check {
  public:
    FunctionCheck(core::CheckSpec spec, std::function<core::Outcome(const core::Deadline&)> fn)
        : Check(std::move(spec)), m_fn(std::move(fn)) {}
    core::Outcome run(const core::Deadline& deadline) override { return m_fn(deadline); }

  private:
    std::function<core::Outcome(const core::Deadline&)> m_fn;
};

// {tag} {previous_tag} {commit} {environment} for command and SQL templates:
// the open window's release and environment (journaled by `window open`),
// else window.release / CI tag, window.environment / CI environment.
std::map<std::string, std::string> placeholders(core::cli::Invocation& inv);

// The journal directory this invocation writes to (and reads from).
std::string journal_dir(core::cli::Invocation& inv);

} // namespace compuerta::plugin::window
