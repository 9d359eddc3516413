#pragma once
// `{{name}}` placeholders in scenario strings, filled from the scenario's
// variables and earlier steps' captures.
#include "core/ports/http.hpp"
#include "core/result.hpp"
#include "smoke/transaction/scenario.hpp"

#include <map>
#include <string>

namespace compuerta::smoke::transaction {

using Vars = std::map<std::string, std::string>;

// The text with every {{name}} replaced; an Error names the first unknown variable.
core::Result<std::string> render(const std::string& text, const Vars& vars);
core::Result<nlohmann::json> render_json(const nlohmann::json& j, const Vars& vars);

struct Rendered {
    core::HttpRequest request;
    std::vector<long> ok_status;
};

// A request from its template: relative URLs joined to `base_url`, `extra`
// headers first (the check's), then the scenario's, then the step's.
core::Result<Rendered> render_request(const RequestTemplate& t, const Vars& vars, const std::string& base_url,
                                      const std::vector<std::pair<std::string, std::string>>& extra);

} // namespace compuerta::smoke::transaction
