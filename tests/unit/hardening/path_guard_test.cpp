// Database names from the server become one directory-name component
// (issue 15 item 11): "../../etc" never leaves the backup directory.
#include "plugin/db/path_guard.hpp"

#include <filesystem>
#include <gtest/gtest.h>

using compuerta::plugin::db::dir_component;

TEST(PathGuard, ServerNamesStayOneComponentInsideTheDirectory) {
    EXPECT_EQ(dir_component("sep_muses"), "sep_muses");
    EXPECT_EQ(dir_component("../../etc"), "_.._.._etc");
    EXPECT_EQ(dir_component(".."), "_..");
    EXPECT_EQ(dir_component(".hidden"), "_.hidden");
    EXPECT_EQ(dir_component("a/b\\c\nd"), "a_b_c_d");
    EXPECT_EQ(dir_component(""), "_");
    for (std::string n : {"../x", "/etc/passwd", "..", "a/../../b"}) {
        std::filesystem::path p =
            std::filesystem::path("/backups") / (dir_component(n) + "-20261128T170500Z");
        EXPECT_EQ(p.lexically_normal().parent_path(), "/backups") << n;
    }
}
