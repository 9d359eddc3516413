#include "core/ports/process.hpp"

#include <gtest/gtest.h>
#include <signal.h>

using namespace compuerta::core;

TEST(Process, CapturesOutputAndExitCode) {
    auto p = make_posix_process();
    ProcessSpec s;
    s.argv = shell_argv("echo hello; echo oops >&2; exit 3");
    auto r = p->run(s, Deadline::after(Millis(5000)));
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->exit_code, 3);
    EXPECT_NE(r->output.find("hello"), std::string::npos);
    EXPECT_NE(r->output.find("oops"), std::string::npos);
}

TEST(Process, MissingProgramIsAnError) {
    auto p = make_posix_process();
    ProcessSpec s;
    s.argv = {"compuerta-no-such-program-xyz"};
    auto r = p->run(s, Deadline::after(Millis(5000)));
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("compuerta-no-such-program-xyz"), std::string::npos);
}

TEST(Process, HangingGroupIsKilledAtTheDeadline) {
    auto p = make_posix_process();
    ProcessSpec s;
    // A child that ignores SIGTERM and a grandchild that holds the pipe.
    s.argv = shell_argv("trap '' TERM; sleep 30 & sleep 30; wait");
    s.kill_grace = Millis(200);
    auto t0 = std::chrono::steady_clock::now();
    auto r = p->run(s, Deadline::after(Millis(300)));
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(r->timed_out);
    EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(3));
}

TEST(Process, EnvironmentAndStdinAndLines) {
    auto p = make_posix_process();
    ProcessSpec s;
    s.argv = shell_argv("echo \"$GREETING\"; cat; printf 'no newline'");
    s.env["GREETING"] = "hola";
    s.stdin_data = "from stdin\n";
    std::vector<std::string> lines;
    s.on_line = [&](const std::string& l) { lines.push_back(l); };
    auto r = p->run(s, Deadline::after(Millis(5000)));
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->exit_code, 0);
    EXPECT_EQ(lines, (std::vector<std::string>{"hola", "from stdin", "no newline"}));
}

TEST(Process, OutputIsBoundedToItsTail) {
    auto p = make_posix_process();
    ProcessSpec s;
    s.argv = shell_argv("seq 1 100000");
    s.max_output = 100;
    auto r = p->run(s, Deadline::after(Millis(10000)));
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(r->output_truncated);
    EXPECT_LE(r->output.size(), 100u);
    EXPECT_NE(r->output.find("100000"), std::string::npos);
}
