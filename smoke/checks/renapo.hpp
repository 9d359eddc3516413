#pragma once
// Check kind `renapo` (plan item 6.2): an `http` check that sends RENAPO's
// CURP lookup (JSON consult or SOAP ConsultaPorCurp) for a test CURP and
// verifies the answer: the lookup succeeded and returned that CURP. The test
// CURP is validated locally first (format and check digit): a typo is a
// ConfigError naming the check (exit 2), not a RENAPO outage.
#include "smoke/checks/http_options.hpp"
#include "smoke/registry.hpp"
#include "smoke/renapo/shapes.hpp"

namespace compuerta::smoke::checks {

// Verifies a RENAPO answer of `shape` for `curp`; `expect_found` false
// expects a well-formed "not found" answer instead.
std::optional<std::string> verify_renapo_answer(renapo::Shape shape, const std::string& curp,
                                                bool expect_found, const core::HttpResponse& resp,
                                                core::Evidence& ev);

std::shared_ptr<core::Check> make_renapo(const core::config::Value& def, core::CheckSpec spec,
                                         const SuiteContext& ctx);

} // namespace compuerta::smoke::checks
