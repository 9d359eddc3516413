#pragma once
// The configuration rules whose code lives in smoke: CURPs, the PCRE2
// patterns and XPath expressions of http assertions and their shape, the logs
// patterns with the engine the check will use, and unique check ids with
// `depends_on` naming one of them.
// core/config/rules.hpp runs them when compuerta.yml loads.
namespace compuerta::smoke {

// Defines "curp", "regex.pcre2", "regex.logs", "xpath", "http.assertion" and
// "smoke.checks", and the check kinds (define_check_kinds()). Called once,
// before any configuration loads (plugin/commands.cpp).
void define_config_rules();

} // namespace compuerta::smoke
