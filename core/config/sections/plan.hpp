#pragma once
// The `plan` and `window` sections, typed (core/config/section.hpp): the
// site's rows, roles and sign-offs, and the maintenance window.
#include "core/config/deferred.hpp"
#include "core/config/section.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace compuerta::core::config {

// One of plan.rows.
struct PlanRowEntry {
    std::string id;
    std::string section; // pre | exec | rollback
    std::string task;
    std::optional<std::string> task_en; // absent: task
    std::string role;
    bool manual = false;
    std::string where; // "compuerta.yml:40:7", for errors about the row
};

struct PlanSection {
    std::string lang; // "" when absent (core/config/output.hpp reads it for every command)
    // Role -> people, in file order; expanded where used (the checklist).
    std::vector<std::pair<std::string, Deferred>> roles;
    std::vector<PlanRowEntry> rows;
    // Gate name -> plan items whose sign-off it requires, in file order.
    std::vector<std::pair<std::string, std::vector<std::string>>> signoffs;
};

// Each expanded where used: an unset variable in one a command does not read is no error.
struct WindowSection {
    Deferred start;
    Deferred end;
    Deferred environment;
    Deferred release;
};

const SectionDecl<PlanRowEntry>& plan_row_decl();
const SectionDecl<PlanSection>& plan_decl();
const SectionDecl<WindowSection>& window_decl();

} // namespace compuerta::core::config
