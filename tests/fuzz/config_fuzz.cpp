// libFuzzer target: any bytes as compuerta.yml must give a Config or a
// ConfigError, never a crash or another exception.
#include "core/config/config.hpp"
#include "core/errors.hpp"
#include "smoke/config_rules.hpp"

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static compuerta::core::MapEnv env;
    // The check kinds and smoke's rules, as the program defines them at start-up.
    static const bool defined = (compuerta::smoke::define_config_rules(), true);
    (void)defined;
    std::string text(reinterpret_cast<const char*>(data), size);
    try {
        auto cfg = compuerta::core::config::Config::load_string(text, "fuzz.yml", env);
        (void)cfg.at("smoke.checks").present();
    } catch (const compuerta::core::ConfigError&) {
    }
    return 0;
}
