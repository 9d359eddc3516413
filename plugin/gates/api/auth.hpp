#pragma once
// Credentials for the tracker APIs, read from named variables (values are
// registered as secrets; only the variable names ever appear in output).
#include "core/ports/env.hpp"
#include "plugin/gates/api/api_client.hpp"

namespace compuerta::plugin::gates {

// GitLab: `variable` (default GITLAB_TOKEN) as PRIVATE-TOKEN; when it is
// unset and no variable was named, CI_JOB_TOKEN as JOB-TOKEN. No header when neither is set.
ApiAuth gitlab_auth(const core::Env& env, const std::string& variable);
// Jira: the token in `token_variable` (default JIRA_TOKEN) as a Bearer token,
// or with the user in `user_variable` (default JIRA_USER) as basic auth.
ApiAuth jira_auth(const core::Env& env, const std::string& token_variable, const std::string& user_variable);

std::string base64(const std::string& s);

} // namespace compuerta::plugin::gates
