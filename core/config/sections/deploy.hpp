#pragma once
// The `deploy` and `rollback` sections, typed (core/config/section.hpp).
#include "core/config/section.hpp"

#include <optional>
#include <string>
#include <vector>

namespace compuerta::core::config {

struct DeploySection {
    std::vector<std::string> commands; // templates, as written
    std::vector<std::string> restart;  // templates, as written
    std::optional<std::string> health_url;
    Millis timeout{0};
    std::optional<std::string> current_release; // template
    Millis health_timeout{0};
    Millis health_interval{0};
    std::optional<std::string> environment;
};

struct RollbackSection {
    std::vector<std::string> automatic;
    std::vector<std::string> approval;
    std::vector<std::string> smoke_junit;
    std::string postmortem;
    Millis tool_timeout{0};
    Millis lock_timeout{0};
};

const SectionDecl<DeploySection>& deploy_decl();
const SectionDecl<RollbackSection>& rollback_decl();

} // namespace compuerta::core::config
