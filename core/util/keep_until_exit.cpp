#include "core/util/keep_until_exit.hpp"

#include <atomic>
#include <mutex>
#include <vector>

namespace compuerta::core {

namespace {

std::atomic<bool> g_enabled{false};

// Reachable from a static to the end (a leak checker does not count it) and
// never destroyed: no destructor runs at exit.
std::vector<std::shared_ptr<void>>& kept() {
    static auto* objects = new std::vector<std::shared_ptr<void>>();
    return *objects;
}

std::mutex& kept_mutex() {
    static auto* m = new std::mutex();
    return *m;
}

} // namespace

void exit_reclaims_memory(bool yes) {
    g_enabled = yes;
}

void keep_until_exit(std::shared_ptr<void> object) {
    if (!g_enabled || !object)
        return;
    std::lock_guard<std::mutex> lock(kept_mutex());
    kept().push_back(std::move(object));
}

} // namespace compuerta::core
