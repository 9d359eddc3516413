#pragma once
// What `deploy` runs, read from compuerta.yml and flags: the site's deploy
// and restart commands (each a check, each depending on the one before) and
// the health wait. `rollback` reuses it to redeploy the previous release.
#include "core/config/config.hpp"
#include "core/model.hpp"
#include "core/ports/http.hpp"
#include "core/ports/process.hpp"
#include "plugin/deploy/health_check.hpp"
#include "plugin/deploy/placeholders.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace compuerta::plugin::deploy {

struct DeploySettings {
    std::vector<std::string> commands; // raw templates
    std::vector<std::string> restart;  // raw templates
    std::string current_release;       // raw template, may be empty
    core::Millis command_timeout{600'000};   // deploy.timeout (its default: core/config/sections/deploy.cpp)
    std::optional<HealthSettings> health; // none: no health URL configured
    core::Millis health_timeout{120'000};
    core::Millis health_interval{2'000};
    std::optional<std::string> environment; // deploy.environment
};

// Reads deploy.* and maintenance.bypass_header/bypass_value. Throws
// ConfigError naming the key when a value is unusable.
DeploySettings read_deploy_settings(const core::config::Config& cfg);

struct DeployPorts {
    core::Process* process = nullptr;
    core::Http* http = nullptr;
    std::function<void(core::Millis)> sleep; // health polls; empty: real sleep
};

// The checks for one deployment of `values.tag`, in order, each depending on
// the previous one (a failed step skips the rest). `id_prefix` keeps ids
// unique ("deploy", "redeploy"). Throws UsageError when a template cannot be
// rendered (unknown placeholder, empty value).
std::vector<std::shared_ptr<core::Check>> build_deploy_checks(const DeploySettings& s, const TemplateValues& values,
                                                               DeployPorts ports, const std::string& id_prefix,
                                                               std::function<void(const std::string&)> progress);

// Runs deploy.current_release (when configured) and returns its trimmed
// first line: the release deployed now. Error says why it could not tell.
core::Result<std::string> query_current_release(const DeploySettings& s, const TemplateValues& values,
                                                core::Process& process);

} // namespace compuerta::plugin::deploy
