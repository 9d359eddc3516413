#include "smoke/transaction/interrupt.hpp"

#include <atomic>
#include <csignal>
#include <mutex>

namespace compuerta::smoke::transaction {

namespace {

std::atomic<int> g_signal{0};
std::atomic<bool> g_reported{false};
std::mutex g_mutex;
int g_guards = 0;
struct sigaction g_old_int {};
struct sigaction g_old_term {};

extern "C" void on_signal(int sig) { g_signal.store(sig); }

} // namespace

InterruptGuard::InterruptGuard() {
    std::lock_guard<std::mutex> lock(g_mutex);
    if (g_guards++ > 0) return;
    g_signal.store(0);
    g_reported.store(false);
    struct sigaction sa {};
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &g_old_int);
    sigaction(SIGTERM, &sa, &g_old_term);
}

InterruptGuard::~InterruptGuard() {
    std::lock_guard<std::mutex> lock(g_mutex);
    if (--g_guards > 0) return;
    if (int sig = g_signal.load(); sig != 0) {
        // A second Ctrl-C after the cleanups ends the process at once.
        std::signal(SIGINT, SIG_DFL);
        std::signal(SIGTERM, SIG_DFL);
        if (!g_reported.load())
            std::raise(sig);
        return;
    }
    sigaction(SIGINT, &g_old_int, nullptr);
    sigaction(SIGTERM, &g_old_term, nullptr);
}

int interrupt_signal() noexcept { return g_signal.load(); }

void interrupt_reported() noexcept {
    g_reported.store(true);
}

void test_kill_point(int step, int kill_after, int sig) noexcept {
    if (kill_after != 0 && step == kill_after)
        std::raise(sig);
}

} // namespace compuerta::smoke::transaction
