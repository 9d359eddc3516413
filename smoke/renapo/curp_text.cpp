#include "core/messages/catalog.hpp"
#include "smoke/renapo/curp.hpp"

namespace compuerta::smoke::renapo {

std::string curp_problem_text(std::string_view curp, const CivilDate& today) {
    auto issue = curp_issue(curp, today);
    if (!issue)
        return {};
    core::msg::Params params;
    for (const auto& [name, value] : issue->params)
        params.emplace_back(name, value);
    return core::msg::tr(issue->id, params);
}

} // namespace compuerta::smoke::renapo
