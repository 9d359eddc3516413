// Masking (issue 15 items 2 and 3): credential query parameters by exact
// name, and personal data (CURP, RFC, e-mail) unless turned off.
#include "core/config/config.hpp"
#include "core/errors.hpp"
#include "core/ports/env.hpp"
#include "core/secrets.hpp"

#include <gtest/gtest.h>

using namespace compuerta;

namespace {
struct Clean {
    Clean() { core::SecretRegistry::global().clear(); }
    ~Clean() { core::SecretRegistry::global().clear(); }
};
} // namespace

TEST(QuerySecrets, EveryListedNameIsMaskedIgnoringCase) {
    Clean c;
    for (std::string name : {"token", "access_token", "refresh_token", "api_key", "apikey", "key",
                             "password", "passwd", "secret", "client_secret", "sig", "signature",
                             "auth", "Access_Token", "API_KEY", "Sig"}) {
        std::string url = "https://h/p?x=1&" + name + "=S3cr3tValue&y=2";
        EXPECT_EQ(core::mask(url), "https://h/p?x=1&" + name + "=***&y=2") << name;
    }
}

TEST(QuerySecrets, NamesAreMatchedWholeNeverAsSubstring) {
    Clean c;
    std::string text =
        "https://h/?monkey=banana&keyboard=qwerty&tokenizer=bpe&my_token=abcd&passwords=list";
    EXPECT_EQ(core::mask(text), text);
}

TEST(QuerySecrets, FirstParameterFragmentAndSeveralSecrets) {
    Clean c;
    EXPECT_EQ(core::mask("GET http://h/a?access_token=AAAA1111&api_key=BBBB2222#frag done"),
              "GET http://h/a?access_token=***&api_key=***#frag done");
    EXPECT_EQ(core::mask("url: http://h/a?token=&x=1"),
              "url: http://h/a?token=&x=1"); // empty stays empty
}

TEST(QuerySecrets, EscapedFormsInJsonAndXmlAreMasked) {
    Clean c;
    // JUnit escapes & as &amp;; the JSON writer leaves it, ends strings with a quote.
    EXPECT_EQ(core::mask("<failure message=\"http://h/?a=1&amp;sig=ZZZZ9999\"/>"),
              "<failure message=\"http://h/?a=1&amp;sig=***\"/>");
    EXPECT_EQ(core::mask("{\"url\": \"http://h/?apikey=QQQQ7777\"}"),
              "{\"url\": \"http://h/?apikey=***\"}");
}

TEST(QuerySecrets, UrlRegistrationMasksTheDecodedValueElsewhere) {
    Clean c;
    core::register_url_secrets("https://h/x?monkey=1&access_token=Tok%2FEn-42",
                               "smoke.checks[0].url");
    EXPECT_EQ(core::mask("server said: bad token Tok/En-42"), "server said: bad token ***");
    EXPECT_EQ(core::mask("monkey=1"), "monkey=1");
}

TEST(PersonalData, CurpRfcAndEmailAreMaskedByDefault) {
    Clean c;
    EXPECT_EQ(core::mask("alta de GOMC850101HDFRRR09 ok"), "alta de [CURP] ok");
    EXPECT_EQ(core::mask("curp=gomc850101hdfrrr09;"), "curp=[CURP];");
    EXPECT_EQ(core::mask("RFC GOMC850101AB1 y empresa SEP850101XY2."),
              "RFC [RFC] y empresa [RFC].");
    EXPECT_EQ(core::mask("aviso a ana.lopez+sep@sep.gob.mx enviado"),
              "aviso a ***@sep.gob.mx enviado");
}

TEST(PersonalData, LookalikesAreLeftAlone) {
    Clean c;
    for (std::string s :
         {"commit 4f3a9c0d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f", "2026-11-29T08:50:36Z",
          "GOMC851301HDFRRR09", // month 13
          "XGOMC850101HDFRRR09", "build v1.2.3 ABC123456", "postgresql://user@localhost/db",
          "https://deploy:pw@git.example.com/repo", "git@github", "a@b.c",
          "tabla alumno850101ab1"}) {
        EXPECT_EQ(core::mask(s), s) << s;
    }
}

TEST(PersonalData, TheSettingTurnsItOffForLocalDebugging) {
    Clean c;
    core::MapEnv env;
    auto off =
        core::config::Config::load_string("privacy:\n  mask_personal_data: false\n", "t.yml", env);
    EXPECT_EQ(core::mask("GOMC850101HDFRRR09 ana@sep.gob.mx"), "GOMC850101HDFRRR09 ana@sep.gob.mx");
    EXPECT_EQ(core::mask("http://h/?token=abcd1234"), "http://h/?token=***"); // secrets stay masked
    auto on = core::config::Config::load_string("version: 1\n", "t.yml", env);
    EXPECT_EQ(core::mask("GOMC850101HDFRRR09"), "[CURP]");
}

TEST(PersonalData, ConfigRejectsAWrongType) {
    Clean c;
    core::MapEnv env;
    EXPECT_THROW(
        core::config::Config::load_string("privacy:\n  mask_personal_data: maybe\n", "t.yml", env),
        core::ConfigError);
    EXPECT_THROW(core::config::Config::load_string("privacy:\n  mask_names: true\n", "t.yml", env),
                 core::ConfigError);
}
