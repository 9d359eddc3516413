#include "plugin/db/test_hook.hpp"

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <thread>

namespace compuerta::plugin::db {

void test_hook(const core::Env& env, const std::string& point) {
    auto hook = env.get("COMPUERTA_DB_TEST_HOOK");
    if (!hook) return;
    if (*hook == "kill@" + point) std::raise(SIGKILL);
    if (*hook == "pause@" + point) {
        std::string file = env.get_or("COMPUERTA_DB_TEST_HOOK_FILE", "");
        if (file.empty()) return;
        std::ofstream(file + ".held") << "held\n";
        auto until = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        while (!std::filesystem::exists(file) && std::chrono::steady_clock::now() < until)
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

} // namespace compuerta::plugin::db
