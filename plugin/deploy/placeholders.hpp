#pragma once
// Command templates (deploy.commands, deploy.restart, deploy.current_release):
// `{tag}`, `{previous_tag}`, `{commit}`, `{environment}` are replaced; `${...}`
// is left for the shell (templates never go through `${VAR}` expansion).
#include "core/result.hpp"

#include <map>
#include <string>

namespace compuerta::plugin::deploy {

struct TemplateValues {
    std::string tag;
    std::string previous_tag;
    std::string commit;
    std::string environment;
};

// The placeholders' values must be plain release words (letters, digits and
// `._-+/:@`) so a substituted value can never change the shell command.
// Error names the placeholder and the offending value.
core::Result<bool> validate_values(const TemplateValues& v);

// Substitutes the placeholders. Error for an unknown `{word}` placeholder
// (a typo would otherwise reach the shell) or an empty {tag}; the other
// placeholders may be empty (no previous release on a first deploy, no commit
// known for a redeploy).
core::Result<std::string> render(const std::string& templ, const TemplateValues& v);

// COMPUERTA_TAG, COMPUERTA_PREVIOUS_TAG, COMPUERTA_COMMIT, COMPUERTA_ENVIRONMENT
// for the commands' environment.
std::map<std::string, std::string> template_env(const TemplateValues& v);

} // namespace compuerta::plugin::deploy
