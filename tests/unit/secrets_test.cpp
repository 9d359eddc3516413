#include "core/secrets.hpp"

#include <gtest/gtest.h>

using namespace compuerta::core;

TEST(Secrets, MasksEveryOccurrenceLongestFirst) {
    SecretRegistry r;
    r.add("hunter22", "a");
    r.add("hunter22-extended", "b");
    EXPECT_EQ(r.mask("hunter22 and hunter22-extended and hunter22"), "*** and *** and ***");
}

TEST(Secrets, ShortSecretsAreNotMaskedButRemembered) {
    SecretRegistry r;
    r.add("abc", "maintenance.bypass_value");
    EXPECT_EQ(r.mask("abcdef"), "abcdef");
    ASSERT_EQ(r.short_secret_origins().size(), 1u);
    EXPECT_EQ(r.short_secret_origins()[0], "maintenance.bypass_value");
}

TEST(Secrets, PercentEncodedFormIsMaskedToo) {
    SecretRegistry r;
    r.add("p@ss:w/rd", "x");
    EXPECT_EQ(r.mask("postgresql://u:p%40ss%3Aw%2Frd@h/db"), "postgresql://u:***@h/db");
}

TEST(Secrets, DsnPasswordKeywordForm) {
    EXPECT_EQ(dsn_password("host=db user=app password=Secr3t dbname=x"), "Secr3t");
    EXPECT_EQ(dsn_password("host=db password='with space\\'s' dbname=x"), "with space's");
    EXPECT_EQ(dsn_password("host=db dbname=x"), "");
}

TEST(Secrets, DsnPasswordUriForm) {
    EXPECT_EQ(dsn_password("postgresql://app:p%40ss@db:5432/sep"), "p@ss");
    EXPECT_EQ(dsn_password("postgres://app@db/sep?password=qwerty1&sslmode=require"), "qwerty1");
    EXPECT_EQ(dsn_password("postgresql://db/sep"), "");
}

TEST(Secrets, UrlUserInfo) {
    EXPECT_EQ(url_userinfo("https://user:tok3n@gitlab.example.test/api"), "user:tok3n");
    EXPECT_EQ(url_userinfo("https://gitlab.example.test/api?x=@y"), "");
}
